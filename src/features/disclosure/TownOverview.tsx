import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CadenceStatus, DisclosureOutputs } from '@common/contracts/disclosure';
import { setViewedVillage } from '../account/session';
import { gapText, longDate } from './labels';

function openVillage(v: CadenceStatus) {
  setViewedVillage({ id: v.villageId, name: v.villageName });
  Taro.reLaunch({ url: `/pages/home/index?villageId=${v.villageId}` });
}

/** Every village of the town in one list, overdue ones first with what is late. */
export function TownOverview({ data }: { data: DisclosureOutputs['townStatus'] }) {
  const late = data.villages.filter((v) => v.state === 'overdue').length;
  return (
    <View className="town-overview">
      <View className="card town-summary-card">
        <Text className="home-village">{data.townName}</Text>
        <Text id="town-summary" className="town-summary">
          共{data.villages.length}村，{late ? `${late}村有逾期` : '全部按时公开'}
        </Text>
        <Text className="state-hint">截至 {longDate(data.asOf)}</Text>
      </View>
      {data.villages.map((v) => (
        <View
          key={v.villageId}
          id={`town-village-${v.villageId}`}
          className={`town-village-row card tap ${v.state === 'overdue' ? 'status-overdue' : 'status-ontime'}`}
          data-village={v.villageId}
          onClick={() => openVillage(v)}
        >
          <View className="card-row">
            <Text className="town-village-name">{v.villageName}</Text>
            <Text className={`badge ${v.state === 'overdue' ? 'badge-overdue' : 'badge-ontime'}`}>
              {v.overdue.length ? `${v.overdue.length}项逾期` : '按时公开'}
            </Text>
          </View>
          {v.overdue.map((g) => (
            <Text key={`${g.category}:${g.periodKey}`} className="overdue-item">
              {gapText(g, true)}
            </Text>
          ))}
          {v.lateMajor.map((m) => (
            <Text key={m.seriesId} className="late-major-item">
              重大事项《{m.title}》晚公开{m.daysLate}天
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
