import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { TownAssetRow } from '@common/contracts/assets';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { ThresholdForm } from './ThresholdForm';
import { ASSETS_URL, dateLabel, monthLabel, muLabel, yuanLabel } from './format';

function Row({ v }: { v: TownAssetRow }) {
  const warnings = [
    v.overdue.count ? `逾期未收 ${v.overdue.count} 笔，共 ${yuanLabel(v.overdue.amountFen)}` : '',
    v.expiredOccupied ? `合同到期仍占用 ${v.expiredOccupied} 份` : '',
    v.expiring ? `90天内到期 ${v.expiring} 份` : '',
    v.withoutDecision ? `缺少决议的合同 ${v.withoutDecision} 份` : '',
    v.discrepancies ? `盘点不符 ${v.discrepancies} 项` : '',
    v.fundsMismatches.length
      ? `资金余额与财务公开不符：${v.fundsMismatches.map((m) => monthLabel(m)).join('、')}`
      : '',
  ].filter(Boolean);
  return (
    <View className="card town-assets-row" id={`town-${v.villageId}`}>
      <View className="card-row">
        <Text className="as-name">{v.villageName}</Text>
        <Text className="link tap" onClick={() => Taro.navigateTo({ url: ASSETS_URL(v.villageId) })}>
          查看三资
        </Text>
      </View>
      <Text className="as-line">
        登记 {v.items} 项 · 资产原值 {yuanLabel(v.assetValueFen)} · 资金 {yuanLabel(v.fundsFen)} · 资源{' '}
        {muLabel(v.resourceAreaHundredths)} · 合同 {v.contracts} 份
      </Text>
      <Text className="as-line">
        {v.lastStocktakeOn ? `最近盘点：${dateLabel(v.lastStocktakeOn)}` : '尚未盘点'}
      </Text>
      {warnings.map((w) => (
        <Text key={w} className="as-warning">
          {w}
        </Text>
      ))}
    </View>
  );
}

/** The town's view of every village's 三资, a page of villages at a time. */
export function TownAssetsScreen() {
  const first = useRequest(() => call('assets', 'townView', {}), []);
  const [more, setMore] = useState<TownAssetRow[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;
  return (
    <RequestView state={first}>
      {(r) => (
        <View id="town-assets">
          <Text className="as-hint">
            {r.townName} · 截至{dateLabel(r.asOf)} · 合同金额达到 {yuanLabel(r.thresholdFen)} 须经决议
          </Text>
          <Text className="link tap" id="threshold-edit" onClick={() => setEditing((e) => !e)}>
            {editing ? '收起' : '修改须经决议的金额标准'}
          </Text>
          {editing ? (
            <ThresholdForm
              thresholdFen={r.thresholdFen}
              onDone={() => {
                setEditing(false);
                setMore([]);
                setCursor(undefined);
                first.reload();
              }}
            />
          ) : null}
          {[...r.villages, ...more].map((v) => (
            <Row key={v.villageId} v={v} />
          ))}
          {next ? (
            <Button
              fill="outline"
              block
              onClick={async () => {
                const page = await call('assets', 'townView', { cursor: next });
                setMore((m) => [...m, ...page.villages]);
                setCursor(page.nextCursor);
              }}
            >
              加载更多村
            </Button>
          ) : null}
        </View>
      )}
    </RequestView>
  );
}
