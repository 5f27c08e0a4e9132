import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@common/contracts/labels';
import { chinaDateKey } from '@common/clock';
import { EmptyState, RequestView } from '../shared/StateViews';
import { DisclosureCard } from './DisclosureCard';
import { useDisclosureList } from './useDisclosureList';

export function yearOptions(now: Date = new Date()): number[] {
  const y = Number(chinaDateKey(now).slice(0, 4));
  return [y, y - 1, y - 2];
}

/**
 * The three 公开 categories as a tab strip of our own: three taps, no scrolling, nothing measured
 * (a library tab bar measured its titles after a page had already gone, and cost main-package bytes).
 */
export function CategoryTabs({ value, onChange }: { value: Category; onChange: (c: Category) => void }) {
  return (
    <View className="category-tabs" role="tablist">
      {CATEGORIES.map((c) => (
        <View
          key={c}
          id={`category-tab-${c}`}
          role="tab"
          aria-selected={c === value}
          className={`category-tab${c === value ? ' active' : ''}`}
          onClick={() => onChange(c)}
        >
          <Text className="category-tab-text">{CATEGORY_LABELS[c]}</Text>
        </View>
      ))}
    </View>
  );
}

export function YearFilter({ value, onChange }: { value?: number; onChange: (y?: number) => void }) {
  return (
    <View className="year-filter chips">
      <Text
        id="year-all"
        className={`chip tap year-option${value === undefined ? ' active' : ''}`}
        onClick={() => onChange(undefined)}
      >
        全部年份
      </Text>
      {yearOptions().map((y) => (
        <Text
          key={y}
          id={`year-${y}`}
          className={`chip tap year-option${value === y ? ' active' : ''}`}
          onClick={() => onChange(y)}
        >
          {y}年
        </Text>
      ))}
    </View>
  );
}

export function DisclosureList({
  villageId,
  category,
  year,
}: {
  villageId?: string;
  category: Category;
  year?: number;
}) {
  const list = useDisclosureList({ villageId, category, year });
  return (
    <RequestView state={list.first}>
      {() =>
        list.items.length ? (
          <View id="disclosure-list" className="disclosure-list">
            {list.items.map((d) => (
              <DisclosureCard key={d.seriesId} item={d} />
            ))}
            {list.moreError ? <Text className="form-error">{list.moreError.message}</Text> : null}
            {list.hasMore ? (
              <Button
                id="load-more"
                className="load-more"
                block
                fill="outline"
                loading={list.loadingMore}
                onClick={list.loadMore}
              >
                加载更多
              </Button>
            ) : (
              <Text id="list-end" className="list-end">
                没有更多了
              </Text>
            )}
          </View>
        ) : (
          <EmptyState
            title={`暂无${CATEGORY_LABELS[category]}`}
            hint={year ? `${year}年没有发布${CATEGORY_LABELS[category]}` : undefined}
          />
        )
      }
    </RequestView>
  );
}
