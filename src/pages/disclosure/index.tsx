import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { CATEGORY_LABELS } from '@common/contracts/labels';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { isCadre, useMe } from '@/features/account/session';
import { DisclosureDetailView } from '@/features/disclosure/DisclosureDetailView';

export default function DisclosurePage() {
  const { params } = useRouter();
  const seriesId = params.seriesId ?? '';
  const version = params.version ? Number(params.version) : undefined;
  const me = useMe();
  const detail = useRequest(
    () => call('disclosure', 'get', version ? { seriesId, version } : { seriesId }),
    [seriesId, version],
  );

  useEffect(() => {
    if (detail.data) Taro.setNavigationBarTitle({ title: CATEGORY_LABELS[detail.data.category] });
  }, [detail.data]);

  const binding = me.data?.binding;
  return (
    <Screen id="page-disclosure">
      <RequestView state={detail}>
        {(d) => (
          <DisclosureDetailView d={d} canCorrect={isCadre(binding) && binding?.villageId === d.villageId} />
        )}
      </RequestView>
    </Screen>
  );
}
