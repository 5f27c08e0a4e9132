import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { PayoutDetail, PayoutRowView } from '@common/contracts/payouts';
import { formatDayOf } from '@common/format';
import { call } from '@/services/api';
import { isCadre, useMe } from '@/features/account/session';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { raiseUrl } from '@/features/oversight/labels';
import { dayLabel, editUrl, listTitle, listUrl, yuanLabel } from './format';

function Row({ d, r, canRaise }: { d: PayoutDetail; r: PayoutRowView; canRaise: boolean }) {
  const flagged = (r.flags?.length ?? 0) > 0;
  return (
    <View
      className={`po-row payout-row${r.full && !d.namesVisible ? ' own' : ''}${flagged ? ' flagged' : ''}`}
      id={`payout-row-${r.index}`}
    >
      <View className="po-who">
        <Text className="payout-recipient">
          {r.index + 1}. {r.recipient}
        </Text>
        {r.household !== r.recipient ? <Text className="po-hint">户主：{r.household}</Text> : null}
        {r.note ? <Text className="po-hint">{r.note}</Text> : null}
        {r.full && !d.namesVisible ? <Text className="po-hint">您家</Text> : null}
        {(r.flags ?? []).map((f) => (
          <Text key={f} className="po-flag payout-flag">
            {f}
          </Text>
        ))}
        {canRaise ? (
          <Text
            className="link tap payout-raise"
            onClick={() =>
              void Taro.navigateTo({
                url: raiseUrl({
                  payoutSeriesId: d.seriesId,
                  version: d.version,
                  rowIndex: r.index,
                  title: `${listTitle(d)}第 ${r.index + 1} 行：${r.recipient}`,
                }),
              })
            }
          >
            对这一行有疑问
          </Text>
        ) : null}
      </View>
      <Text className="po-amount">{yuanLabel(r.amountFen)}</Text>
    </View>
  );
}

/** One payout list as the viewer may see it: masked names (their own household in full), flags for the 村监委 and the town. */
export function ListScreen({ seriesId, version }: { seriesId: string; version?: number }) {
  const me = useMe();
  const [query, setQuery] = useState('');
  const detail = useRequest(
    () => call('disclosure', 'payoutList', version ? { seriesId, version } : { seriesId }),
    [seriesId, version],
  );
  const binding = me.data?.binding ?? null;
  return (
    <RequestView state={detail}>
      {(d) => {
        const q = query.trim();
        const rows = q ? d.rows.filter((r) => r.recipient.includes(q) || r.household.includes(q)) : d.rows;
        const canRaise = !!binding && binding.villageId === d.villageId;
        return (
          <View id="payout-detail">
            <View className="card">
              <Text className="po-title" id="payout-title">
                {d.villageName} {listTitle(d)}发放名单
              </Text>
              <Text className="po-line">发放依据：{d.basis}</Text>
              <View className="po-row">
                <Text className="po-who">共 {d.count} 人</Text>
                <Text className="po-total" id="payout-amount">
                  {yuanLabel(d.amountFen)}
                </Text>
              </View>
              <Text className="po-hint">
                {formatDayOf(d.publishedAt)}公开 · 随当月财务公开，应于{dayLabel(d.dueOn)}前公开
              </Text>
              {d.reason ? <Text className="po-flag">更正原因：{d.reason}</Text> : null}
              {d.versions.length > 1 ? (
                <View className="po-actions">
                  {d.versions.map((v) => (
                    <Text
                      key={v.version}
                      className={`chip tap${v.version === d.version ? ' active' : ''}`}
                      onClick={() => void Taro.redirectTo({ url: listUrl(d.seriesId, v.version) })}
                    >
                      {v.version === 1 ? '原版' : `第 ${v.version - 1} 次更正`}
                    </Text>
                  ))}
                </View>
              ) : null}
              {d.flagged !== undefined ? (
                <Text className="po-flag" id="payout-flagged">
                  {d.flagged ? `有 ${d.flagged} 行需要留意（仅村监委和镇纪委可见）` : '没有需要留意的行'}
                </Text>
              ) : null}
            </View>
            <View className="card">
              <Input
                id="payout-search"
                placeholder="按姓名查找，如 张*兰 或 张"
                value={query}
                onChange={setQuery}
              />
              {rows.map((r) => (
                <Row key={r.index} d={d} r={r} canRaise={canRaise} />
              ))}
            </View>
            {isCadre(binding) && d.namesVisible && binding?.villageId === d.villageId ? (
              <Button
                id="payout-correct"
                block
                fill="outline"
                onClick={() => void Taro.navigateTo({ url: editUrl(d.seriesId) })}
              >
                更正这份名单
              </Button>
            ) : null}
          </View>
        );
      }}
    </RequestView>
  );
}
