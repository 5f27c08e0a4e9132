import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  LIST_LABELS,
  POWER_CATEGORY_LABELS,
  type FlowStep,
  type ItemDetail,
} from '@common/contracts/decisions';
import { call } from '@/services/api';
import { NotFoundView, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { chinaToday, dateLabel, ITEM_URL, MISSING_ITEM } from './format';

/** A flow as a simple flowchart: one box per step, top to bottom. */
export function Flowchart({ steps }: { steps: FlowStep[] }) {
  return (
    <View className="dc-flow" id="item-flow">
      {steps.map((s, n) => (
        <View key={n}>
          {n > 0 ? <Text className="dc-flow-arrow">↓</Text> : null}
          <View className="dc-flow-box flow-step">
            <Text className="dc-flow-no">{n + 1}</Text>
            <Text className="dc-flow-actor">{s.actor}</Text>
            <Text className="dc-flow-action">{s.action}</Text>
            {s.timeLimit ? <Text className="dc-flow-meta">时限：{s.timeLimit}</Text> : null}
            {s.publicity ? <Text className="dc-flow-meta">公开：{s.publicity}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

export function ItemScreen({
  id,
  version,
  binding,
}: {
  id: string;
  version?: number;
  binding?: Binding | null;
}) {
  // The server decides; this only hides a button that would be refused.
  const canEdit = (i: ItemDetail) =>
    i.version === i.latestVersion &&
    !i.retired &&
    (i.scope === 'town'
      ? !!binding?.roles.includes('townAdmin')
      : !!binding?.roles.includes('cadre') && binding.villageId === i.villageId);
  const item = useRequest(() => call('decisions', 'item', { itemId: id, version }), [id, version], {
    cache: `power-item:${id}:${version ?? ''}`,
    enabled: !!id,
  });
  if (!id) return <NotFoundView missing={MISSING_ITEM} />;
  return (
    <RequestView state={item} missing={MISSING_ITEM}>
      {(i) => (
        <View>
          <View className="card">
            <Text className="dc-item-name" id="item-name">
              {i.name}
            </Text>
            <View className="card-meta">
              <Text className="badge">{LIST_LABELS[i.list]}</Text>
              <Text className="badge">{POWER_CATEGORY_LABELS[i.category]}</Text>
              {i.scope === 'village' ? <Text className="badge badge-affairs">本村事项</Text> : null}
            </View>
            {i.basis ? <Text className="dc-hint">依据：{i.basis}</Text> : null}
            {i.version !== i.latestVersion ? (
              <Text className="dc-missing">
                这是第 {i.version} 版（已调整），现行为第 {i.latestVersion} 版
              </Text>
            ) : null}
          </View>
          {i.steps.length ? (
            <View className="card">
              <Text className="section-title">办理流程</Text>
              <Flowchart steps={i.steps} />
            </View>
          ) : null}
          <View className="card dc-no-print">
            <Text className="section-title">调整记录</Text>
            {i.versions.map((v) => (
              <View
                key={v.version}
                className="dc-step tap"
                onClick={() => Taro.redirectTo({ url: ITEM_URL(i.id, v.version) })}
              >
                <Text>
                  第 {v.version} 版 · {dateLabel(chinaToday(new Date(v.at)))}
                </Text>
                <Text className="card-time">{v.reason ?? '首次发布'}</Text>
              </View>
            ))}
          </View>
          {canEdit(i) ? (
            <Button
              id="item-edit"
              className="dc-no-print"
              type="primary"
              fill="outline"
              block
              onClick={() =>
                Taro.navigateTo({ url: `/decisions/pages/item-edit/index?id=${encodeURIComponent(i.id)}` })
              }
            >
              调整此事项
            </Button>
          ) : null}
          {process.env.TARO_ENV === 'h5' ? (
            <Button className="dc-no-print" fill="outline" onClick={() => window.print()}>
              打印流程图
            </Button>
          ) : null}
        </View>
      )}
    </RequestView>
  );
}
