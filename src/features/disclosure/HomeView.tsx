import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Category, VillageHome } from '@common/contracts/disclosure';
import { DisclosureCard } from './DisclosureCard';
import { FinanceTotals } from './FinanceTotals';
import { StatusCard } from './StatusCard';
import { ChainFingerprint } from '@/features/record/ChainFingerprint';
import { periodLabel } from './labels';
import { openCategory, openDisclosure } from './navigation';

const ENTRY_BUTTONS: { category: Category; label: string; hint: string }[] = [
  { category: 'party', label: '党务', hint: '支部工作、党费' },
  { category: 'affairs', label: '村务', hint: '低保、宅基地、重大事项' },
  { category: 'finance', label: '财务', hint: '每月收支、凭证' },
];

/**
 * The village home: who we are, what is new (`feed`: notices, survey, report), whether
 * disclosures are on time, the ways in (`entries`), the latest money, the latest disclosures.
 */
export function HomeView({
  home,
  feed,
  entries,
}: {
  home: VillageHome;
  feed?: ReactNode;
  entries?: ReactNode;
}) {
  const f = home.latestFinance;
  return (
    <View className="home">
      <View className="home-head">
        <Text id="home-village-name" className="home-village">
          {home.village.name}
        </Text>
        <Text id="home-town-name" className="home-town">
          {home.village.townName}
        </Text>
      </View>
      {feed}
      <StatusCard status={home.status} />
      <ChainFingerprint villageId={home.village.id} head={home.chain} />
      <View className="home-entries">
        {ENTRY_BUTTONS.map((b) => (
          <View
            key={b.category}
            id={`home-entry-${b.category}`}
            className={`home-entry tap category-${b.category}`}
            onClick={() => openCategory(b.category)}
          >
            <Text className="home-entry-label">{b.label}</Text>
            <Text className="home-entry-hint">{b.hint}</Text>
          </View>
        ))}
      </View>
      {entries}
      {f && f.totals ? (
        <View
          id="home-latest-finance"
          className="card latest-finance tap"
          onClick={() => openDisclosure(f.seriesId)}
        >
          <View className="card-row">
            <Text className="section-title">最近一期财务：{periodLabel(f.periodKey)}</Text>
            <Text className="link">查看明细 ›</Text>
          </View>
          <FinanceTotals totals={f.totals} />
        </View>
      ) : null}
      <View id="home-recent" className="section">
        <Text className="section-title">最新公开</Text>
        {home.recent.length ? (
          home.recent.map((d) => <DisclosureCard key={d.seriesId} item={d} />)
        ) : (
          <Text className="state-hint">本村还没有发布公开</Text>
        )}
      </View>
    </View>
  );
}
