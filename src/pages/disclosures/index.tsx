import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Category } from '@common/contracts/disclosure';
import { Screen } from '@/features/shared/Screen';
import { EmptyState, ErrorView, Loading } from '@/features/shared/StateViews';
import { isTownAdmin, setViewedVillage, useMe, viewedVillage } from '@/features/account/session';
import { VillagePicker } from '@/features/account/members/VillagePicker';
import { CategoryTabs, DisclosureList, YearFilter } from '@/features/disclosure/DisclosureListView';
import { onCategoryRequest, takePendingCategory } from '@/features/disclosure/navigation';
import { PayoutsLink } from '@/features/payouts/PayoutsLink';

export default function DisclosuresPage() {
  const me = useMe();
  const [category, setCategory] = useState<Category>(() => takePendingCategory() ?? 'finance');
  const [year, setYear] = useState<number | undefined>(undefined);
  const [viewed, setViewed] = useState(viewedVillage);

  const shown = useRef(false);
  useEffect(() => onCategoryRequest(setCategory), []);
  useDidShow(() => {
    const c = takePendingCategory();
    if (c) setCategory(c);
    // A town admin may have opened another village meanwhile.
    if (shown.current) setViewed(viewedVillage());
    shown.current = true;
  });

  const binding = me.data?.binding ?? null;
  const townAdmin = isTownAdmin(binding);
  const villageId = townAdmin ? viewed?.id : undefined;

  let body;
  if (!me.data) body = me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : <Loading />;
  else if (!binding)
    body = (
      <EmptyState
        title="您还没有加入村庄"
        hint="加入村庄后即可查看本村的党务、村务、财务公开。"
        action={
          <Button type="primary" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            去“我的”页面
          </Button>
        }
      />
    );
  else
    body = (
      <View>
        {townAdmin ? (
          <VillagePicker
            value={villageId}
            onChange={(id, name) => {
              setViewedVillage({ id, name });
              setViewed({ id, name });
            }}
            idPrefix="list-village"
            title={villageId ? '查看的村' : '请选择要查看的村'}
          />
        ) : null}
        {townAdmin && !villageId ? null : (
          <>
            <YearFilter value={year} onChange={setYear} />
            <DisclosureList villageId={villageId} category={category} year={year} />
            {category === 'finance' ? <PayoutsLink villageId={villageId} /> : null}
          </>
        )}
      </View>
    );

  return (
    <Screen id="page-disclosures">
      <CategoryTabs value={category} onChange={setCategory} />
      {body}
    </Screen>
  );
}
