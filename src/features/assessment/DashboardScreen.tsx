import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Dashboard, DashboardVillage, Demonstration } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { TownPageControl, useTownPager } from '@/features/shared/TownPager';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { monthLabel, stateLabel } from './labels';

/** The months the ledger check covers, first to last, or that none has come due yet. */
function monthsRange(months: readonly string[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  return first && last ? `${monthLabel(first)}至${monthLabel(last)}` : '尚无到期月份';
}

function Counts({ d }: { d: Dashboard }) {
  return (
    <View id="tier-counts" className="card">
      <Text className="section-title">
        {d.year} 年定级情况（{d.schemeName}）
      </Text>
      <View className="count-table">
        <View className="count-row count-head">
          <Text className="count-cell">档次</Text>
          <Text className="count-cell">已定级</Text>
          <Text className="count-cell">含待定</Text>
          <Text className="count-cell">目标</Text>
        </View>
        {d.counts.map((c) => (
          <View
            key={c.key}
            id={`count-${c.key}`}
            className={`count-row${c.target !== null && c.confirmed < c.target && c.countsAsQinglian ? ' short' : ''}`}
          >
            <Text className="count-cell">{c.label}</Text>
            <Text className="count-cell count-confirmed">{c.confirmed}</Text>
            <Text className="count-cell">{c.projected}</Text>
            <Text className="count-cell">{c.target ?? '—'}</Text>
          </View>
        ))}
      </View>
      <Text id="qinglian-count" className="count-summary">
        已认定清廉村居 {d.qinglian.confirmed} 个
        {d.qinglian.target !== null ? `，目标 ${d.qinglian.target} 个` : ''}（共 {d.villageTotal} 个村）
      </Text>
      <Text className="count-summary">
        未开始 {d.states.none}，自评中 {d.states.draft}，待审核 {d.states.submitted + d.states.reviewed}
        ，已定级 {d.states.confirmed}
      </Text>
      <Text id="ledger-summary" className={`count-summary${d.ledger.late + d.ledger.missing ? ' warn' : ''}`}>
        监管台账：逾期报送 {d.ledger.late} 份，未报送 {d.ledger.missing} 份（
        {monthsRange(d.ledger.monthsChecked)}）
      </Text>
    </View>
  );
}

function VillageRow({ v, year }: { v: DashboardVillage; year: number }) {
  return (
    <View
      id={`village-${v.villageId}`}
      className={`card village-row tap${v.belowTarget ? ' below' : ''}`}
      onClick={() =>
        Taro.navigateTo({ url: `/assessment/pages/sheet/index?villageId=${v.villageId}&year=${year}` })
      }
    >
      <View className="card-row">
        <Text className="card-title">{v.villageName}</Text>
        <Text className="village-score">{v.score === null ? '—' : `${v.score} 分`}</Text>
      </View>
      <Text className="card-meta">
        {stateLabel(v.state)} · {v.tier ? `${v.tier.label}${v.confirmed ? '' : '（待定）'}` : '未定级'}
        {v.target ? ` · 目标：${v.target.label}` : ''}
      </Text>
      {v.belowTarget ? <Text className="badge bad">未达目标</Text> : null}
      {v.vetoes.length ? <Text className="badge bad">否决项：{v.vetoes.join('、')}</Text> : null}
      {v.ledgerLate + v.ledgerMissing ? (
        <Text className="badge warn">
          台账逾期 {v.ledgerLate} / 未报 {v.ledgerMissing}
        </Text>
      ) : null}
      <Text className="card-meta trend">
        历年：
        {v.trend
          .filter((t) => t.score !== null)
          .map((t) => `${t.year} 年 ${t.score} 分${t.tierLabel ? ` ${t.tierLabel}` : ''}`)
          .join(' → ') || '无'}
      </Text>
    </View>
  );
}

/** Villages asking to open their sheet again after the self-assessment date: the town answers on the sheet. */
function ReopenRequests({ d }: { d: Dashboard }) {
  if (!d.reopenRequests.length) return null;
  return (
    <View id="reopen-requests" className="card">
      <Text className="section-title">申请重新开放评分表（{d.reopenRequests.length}）</Text>
      {d.reopenRequests.map((r) => (
        <View
          key={r.villageId}
          id={`reopen-request-${r.villageId}`}
          className="demo-row tap"
          onClick={() =>
            Taro.navigateTo({ url: `/assessment/pages/sheet/index?villageId=${r.villageId}&year=${d.year}` })
          }
        >
          <Text className="card-title">{r.villageName}</Text>
          <Text className="card-meta">
            {r.byName} 于 {formatChinaDateTime(r.at)} 申请：{r.reason}
          </Text>
          <Text className="link">去答复 ›</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 示范点推荐 (seed 001): villages meeting the 五好 and not vetoed, by score; the others with why
 * not. Paged in the order of the whole town, so the first page holds the best villages.
 */
function DemonstrationCard({ year }: { year: number }) {
  const pager = useTownPager();
  const { cursor } = pager;
  const d = useRequest(
    () => call('assessment', 'demonstration', { year, ...(cursor ? { cursor } : {}) }),
    [year, cursor],
  );
  const [all, setAll] = useState(false);
  return (
    <RequestView state={d}>
      {(data: Demonstration) => {
        const shown = all ? data.villages : data.villages.filter((v) => v.eligible);
        // Eligible villages come first: past the last of them only the others follow.
        const more = all || data.villages[data.villages.length - 1]?.eligible ? data.next : null;
        return (
          <View id="demonstration" className="card">
            <Text className="section-title">示范点推荐（{data.year} 年）</Text>
            <Text className="field-hint">
              符合“五好”（五项满意率均不低于
              90%）、无否决项的村，按得分从高到低排列；年底从排名靠前的村中确定清廉村居示范点。
            </Text>
            <Text id="demonstration-count" className="count-summary">
              符合条件 {data.eligible} 个 / 共 {data.villageTotal} 个村
            </Text>
            {shown.map((v) => (
              <View
                key={v.villageId}
                id={`demo-${v.villageId}`}
                className={`demo-row${v.eligible ? ' eligible' : ''}`}
              >
                <View className="card-row">
                  <Text className="card-title">
                    {v.rank ? `${v.rank}. ` : ''}
                    {v.villageName}
                  </Text>
                  <Text className="village-score">{v.score === null ? '—' : `${v.score} 分`}</Text>
                </View>
                <Text className={`badge${v.eligible ? ' good' : ' bad'}`}>
                  {v.eligible ? '符合推荐条件' : '暂不符合'}
                </Text>
                {v.tierLabel ? (
                  <Text className="badge plain">
                    {v.tierLabel}
                    {v.confirmed ? '' : '（待定）'}
                  </Text>
                ) : null}
                <Text className="card-meta demo-reasons">{v.reasons.join('；')}</Text>
              </View>
            ))}
            <TownPageControl id="demonstration-pager" pager={pager} next={more} total={data.villageTotal} />
            <Button
              id="demonstration-toggle"
              size="small"
              fill="none"
              onClick={() => (all ? (pager.reset(), setAll(false)) : setAll(true))}
            >
              {all ? '只看符合条件的村' : '查看全部村及不符合的原因'}
            </Button>
          </View>
        );
      }}
    </RequestView>
  );
}

/** The town's index board: counts against the year's targets, the whole town's villages worst first. */
export function DashboardScreen({ initialYear }: { initialYear?: number }) {
  const [year, setYear] = useState<number | undefined>(initialYear);
  const pager = useTownPager();
  const { cursor } = pager;
  const d = useRequest(
    () => call('assessment', 'dashboard', { year, ...(cursor ? { cursor } : {}) }),
    [year, cursor],
  );
  useReloadOnShow(d.reload);
  return (
    <RequestView state={d}>
      {(data) => (
        <View id="assessment-dashboard">
          <View className="year-switch">
            <Button size="small" fill="outline" onClick={() => (pager.reset(), setYear(data.year - 1))}>
              上一年
            </Button>
            <Text className="page-title">
              {data.townName} {data.year} 年清廉村居指数
            </Text>
            <Button size="small" fill="outline" onClick={() => (pager.reset(), setYear(data.year + 1))}>
              下一年
            </Button>
          </View>
          <Counts d={data} />
          <ReopenRequests d={data} />
          <View className="sheet-tools">
            <Button
              id="open-ledger"
              fill="outline"
              onClick={() => Taro.navigateTo({ url: '/assessment/pages/ledger/index' })}
            >
              日常监管台账
            </Button>
            <Button
              id="open-standard"
              fill="outline"
              onClick={() => Taro.navigateTo({ url: `/assessment/pages/standard/index?year=${data.year}` })}
            >
              测评标准与定级办法
            </Button>
            <Button fill="outline" onClick={d.reload}>
              刷新
            </Button>
          </View>
          <DemonstrationCard key={`${data.year}-${data.asOf}`} year={data.year} />
          <Text id="village-list-title" className="section-title">
            各村情况（全镇未达目标、有否决项、得分低的村排在最前，尚未自评的村在最后）
          </Text>
          {data.villages.map((v) => (
            <VillageRow key={v.villageId} v={v} year={data.year} />
          ))}
          <TownPageControl id="dashboard-pager" pager={pager} next={data.next} total={data.villageTotal} />
        </View>
      )}
    </RequestView>
  );
}
