import { View, Text } from '@tarojs/components';
import type { DisclosureDetail } from '@common/contracts/disclosure';
import { formatChinaDateTime } from '@common/clock';
import { redirectTo } from '../shared/nav';

function openVersion(seriesId: string, version: number) {
  redirectTo({ url: `/pages/disclosure/index?seriesId=${seriesId}&version=${version}` });
}

/** 第N版（共M版） with the reason of this correction, and a clear note on an old version. */
export function VersionBanner({ d }: { d: DisclosureDetail }) {
  const old = d.version < d.latestVersion;
  if (d.latestVersion === 1) return null;
  return (
    <View className={`version-banner${old ? ' old' : ''}`}>
      {old ? (
        <View
          id="old-version-banner"
          className="old-version-banner tap"
          onClick={() => openVersion(d.seriesId, d.latestVersion)}
        >
          <Text className="old-version-text">这是旧版本，</Text>
          <Text id="view-latest" className="link">
            查看最新版
          </Text>
        </View>
      ) : null}
      <Text className="version-label">
        第{d.version}版（共{d.latestVersion}版）
      </Text>
      {d.reason ? <Text className="version-reason">更正原因：{d.reason}</Text> : null}
    </View>
  );
}

/** Every version of the series (留痕): tap one to read it as it was published. */
export function VersionList({ d }: { d: DisclosureDetail }) {
  if (d.versions.length < 2) return null;
  return (
    <View className="version-list card">
      <Text className="section-title">历次版本</Text>
      {[...d.versions].reverse().map((v) => (
        <View
          key={v.version}
          className={`version-item tap${v.version === d.version ? ' current' : ''}`}
          data-version={v.version}
          onClick={() => (v.version === d.version ? undefined : openVersion(d.seriesId, v.version))}
        >
          <View className="version-item-head">
            <Text className="version-item-no">
              第{v.version}版{v.version === d.latestVersion ? '（最新）' : ''}
              {v.version === d.version ? '·正在查看' : ''}
            </Text>
            <Text className="version-item-time">{formatChinaDateTime(v.publishedAt)}</Text>
          </View>
          <Text className="version-item-reason">{v.reason ? `更正原因：${v.reason}` : '首次发布'}</Text>
        </View>
      ))}
    </View>
  );
}
