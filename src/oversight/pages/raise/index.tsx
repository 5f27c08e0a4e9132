import '@/features/oversight/oversight.scss';
import { useRouter } from '@tarojs/taro';
import type { Subject } from '@common/contracts/oversight';
import { Screen } from '@/features/shared/Screen';
import { RaiseScreen } from '@/features/oversight/RaiseScreen';

/** ?seriesId=&version=[&itemIndex=] from a disclosure or one of its line items; none = in general. */
function subjectOf(params: Record<string, string | undefined>): Subject {
  const version = Number(params.version);
  if (!params.seriesId || !Number.isInteger(version)) return { kind: 'general' };
  const index = params.itemIndex === undefined ? undefined : Number(params.itemIndex);
  return {
    kind: 'disclosure',
    seriesId: params.seriesId,
    version,
    ...(index !== undefined && Number.isInteger(index) ? { itemIndex: index } : {}),
  };
}

export default function OversightRaisePage() {
  const { params } = useRouter();
  return (
    <Screen id="page-oversight-raise">
      <RaiseScreen subject={subjectOf(params)} />
    </Screen>
  );
}
