import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { CATEGORY_LABELS } from '@common/contracts/labels';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { NotFoundView, RequestView, type MissingRecord } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { isCadre, useMe } from '@/features/account/session';
import { DisclosureDetailView } from '@/features/disclosure/DisclosureDetailView';
import '@/features/oversight/oversight.scss';
import { DisclosureQuestions } from '@/features/oversight/DisclosureQuestions';
import { raiseUrl } from '@/features/oversight/labels';
import { setNavigationBarTitle } from '../../features/shared/nav';

/** A disclosure that cannot be found: back to the 三务公开 tab. */
const MISSING_DISCLOSURE: MissingRecord = {
  title: '找不到这条公开',
  backLabel: '返回公开列表',
  backUrl: '/pages/disclosures/index',
  tab: true,
};

export default function DisclosurePage() {
  const { params } = useRouter();
  const seriesId = params.seriesId ?? '';
  const version = params.version ? Number(params.version) : undefined;
  const me = useMe();
  const detail = useRequest(
    () => call('disclosure', 'get', version ? { seriesId, version } : { seriesId }),
    [seriesId, version],
    { enabled: !!seriesId },
  );

  useEffect(() => {
    if (detail.data) setNavigationBarTitle({ title: CATEGORY_LABELS[detail.data.category] });
  }, [detail.data]);

  const binding = me.data?.binding;
  // Any person bound to the village may question what it published (not the town: it supervises).
  const canRaise = (d: { villageId: string }) => !!binding && binding.villageId === d.villageId;
  return (
    <Screen id="page-disclosure">
      {!seriesId ? (
        <NotFoundView missing={MISSING_DISCLOSURE} />
      ) : (
        <RequestView state={detail} missing={MISSING_DISCLOSURE}>
          {(d) => (
            <DisclosureDetailView
              d={d}
              canCorrect={isCadre(binding) && binding?.villageId === d.villageId}
              onAskItem={
                canRaise(d)
                  ? (itemIndex) =>
                      void Taro.navigateTo({
                        url: raiseUrl({ seriesId: d.seriesId, version: d.version, itemIndex }),
                      })
                  : undefined
              }
            >
              <DisclosureQuestions seriesId={d.seriesId} version={d.version} canRaise={canRaise(d)} />
            </DisclosureDetailView>
          )}
        </RequestView>
      )}
    </Screen>
  );
}
