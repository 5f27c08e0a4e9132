import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RECORD_KIND_LABELS, STEP_LABELS, type TownVillageRow } from '@common/contracts/decisions';
import { call } from '@/services/api';
import { MoreButton, useMorePages } from '@/features/shared/MorePages';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { DECISION_URL, dateLabel, periodLabel } from './format';

function Row({ v }: { v: TownVillageRow }) {
  return (
    <View className="card town-decisions-row" id={`town-${v.villageId}`}>
      <View className="card-row">
        <Text className="dc-item-name">{v.villageName}</Text>
        <Text
          className="link tap"
          onClick={() =>
            Taro.navigateTo({
              url: `/decisions/pages/decisions/index?villageId=${encodeURIComponent(v.villageId)}`,
            })
          }
        >
          查看决策
        </Text>
      </View>
      <Text className="dc-tally">
        办理中 {v.inProgress} · 已决议 {v.resolved} · 已办结 {v.completed} · 未通过 {v.rejected}
      </Text>
      {v.unconfirmed ? <Text className="dc-hint">待村监委确认的会议 {v.unconfirmed} 次</Text> : null}
      {v.overdue.map((o) => (
        <Text
          key={o.decisionId}
          className="dc-missing tap"
          onClick={() => Taro.navigateTo({ url: DECISION_URL(o.decisionId) })}
        >
          逾期：{o.title}（{STEP_LABELS[o.step]}，应于{dateLabel(o.dueOn)}前）
        </Text>
      ))}
      {v.heldMeetings.onTime + v.heldMeetings.late ? (
        <Text className="dc-hint">
          近一年会议按时登记 {v.heldMeetings.onTime} 次
          {v.heldMeetings.late ? `，补录 ${v.heldMeetings.late} 次` : ''}
        </Text>
      ) : null}
      {v.missingMeetings.latest ? (
        <Text className="dc-missing">
          缺少会议 {v.missingMeetings.count} 次，最近：{periodLabel(v.missingMeetings.latest.periodKey)}
          {RECORD_KIND_LABELS[v.missingMeetings.latest.kind]}
        </Text>
      ) : null}
    </View>
  );
}

/** The town's view of every village's decisions and meetings, a page of villages at a time. */
export function TownScreen() {
  const first = useRequest(() => call('decisions', 'townView', {}), []);
  const more = useMorePages(
    first.data,
    (r) => ({ rows: r.villages, next: r.nextCursor }),
    (cursor) => call('decisions', 'townView', { cursor }),
  );
  return (
    <RequestView state={first}>
      {(r) => (
        <View id="town-decisions">
          <Text className="dc-hint">
            {r.townName} · 截至{dateLabel(r.asOf)}
          </Text>
          {more.rows.map((v) => (
            <Row key={v.villageId} v={v} />
          ))}
          <MoreButton more={more} label="加载更多村" />
        </View>
      )}
    </RequestView>
  );
}
