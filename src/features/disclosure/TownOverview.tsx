import { View, Text } from '@tarojs/components';
import type { CadenceStatus, DisclosureOutputs } from '@common/contracts/disclosure';
import { setViewedVillage } from '../account/session';
import { TownPageControl, type useTownPager } from '../shared/TownPager';
import { STATE_CLASS, gapText, lateMajorText, longDate, stateBadge } from './labels';
import './status.scss';
import { reLaunch } from '../shared/nav';

function openVillage(v: CadenceStatus) {
  setViewedVillage({ id: v.villageId, name: v.villageName });
  reLaunch({ url: `/pages/home/index?villageId=${v.villageId}` });
}

/** The whole town in one page: 共6村，…; one page of many: 全镇共120村，本页…. */
function summaryOf(data: DisclosureOutputs['townStatus'], paged: boolean): string {
  const { villages } = data;
  const overdue = villages.filter((v) => v.state === 'overdue').length;
  const late = villages.filter((v) => v.state === 'late').length;
  const parts = [overdue ? `${overdue}村有逾期` : '', late ? `${late}村有重大事项迟报` : ''].filter(Boolean);
  const status = parts.length ? parts.join('，') : '全部按时公开';
  return paged ? `全镇共${data.villageTotal}村，本页${status}` : `共${villages.length}村，${status}`;
}

/**
 * A page of the town's villages: overdue ones first with what is late, then those with a major
 * matter published late (有迟报), then those on time; 上一页 / 下一页 below.
 */
export function TownOverview({
  data,
  pager,
}: {
  data: DisclosureOutputs['townStatus'];
  pager: ReturnType<typeof useTownPager>;
}) {
  const paged = pager.page > 1 || data.next !== null;
  return (
    <View className="town-overview">
      <View className="card town-summary-card">
        <Text className="home-village">{data.townName}</Text>
        <Text id="town-summary" className="town-summary">
          {summaryOf(data, paged)}
        </Text>
        <Text className="state-hint">截至 {longDate(data.asOf)}</Text>
      </View>
      {data.villages.map((v) => (
        <View
          key={v.villageId}
          id={`town-village-${v.villageId}`}
          className={`town-village-row card tap status-${STATE_CLASS[v.state]}`}
          data-village={v.villageId}
          data-state={v.state}
          onClick={() => openVillage(v)}
        >
          <View className="card-row">
            <Text className="town-village-name">{v.villageName}</Text>
            <Text className={`badge badge-${STATE_CLASS[v.state]}`}>{stateBadge(v)}</Text>
          </View>
          {v.overdue.map((g) => (
            <Text key={`${g.category}:${g.periodKey}`} className="overdue-item">
              {gapText(g, true)}
            </Text>
          ))}
          {v.lateMajor.map((m) => (
            <Text key={m.seriesId} className="late-major-item">
              {lateMajorText(m)}
            </Text>
          ))}
        </View>
      ))}
      <TownPageControl id="town-pager" pager={pager} next={data.next} total={data.villageTotal} />
    </View>
  );
}
