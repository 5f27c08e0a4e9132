import '@/features/disclosure/form/form.scss';
import { useRouter } from '@tarojs/taro';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RoleGate } from '@/features/account/RoleGate';
import { DisclosureForm } from '@/features/disclosure/form/DisclosureForm';

export default function CorrectPage() {
  const { params } = useRouter();
  const seriesId = params.seriesId ?? '';
  // Always the latest version: a correction is based on what villagers see now.
  const latest = useRequest(() => call('disclosure', 'get', { seriesId }), [seriesId]);
  return (
    <Screen id="page-correct" wide>
      <RoleGate roles={['cadre']}>
        {(b) => (
          <RequestView state={latest}>
            {(d) => (
              <DisclosureForm
                key={`${d.seriesId}.v${d.version}`}
                mode="correct"
                villageId={b.villageId ?? d.villageId}
                base={d}
                onConflict={latest.reload}
              />
            )}
          </RequestView>
        )}
      </RoleGate>
    </Screen>
  );
}
