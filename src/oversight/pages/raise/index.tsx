import '@/features/oversight/oversight.scss';
import { useRouter } from '@tarojs/taro';
import type { Subject } from '@common/contracts/oversight';
import { Screen } from '@/features/shared/Screen';
import { RaiseScreen } from '@/features/oversight/RaiseScreen';

/**
 * ?seriesId=&version=[&itemIndex=] from a disclosure or one of its line items; ?noticeId=,
 * ?reportId= or ?decisionId= from a notice, a monthly report or a decision; ?payoutSeriesId=&version=
 * &rowIndex= from a row of a payout list; none = in general.
 */
function subjectOf(params: Record<string, string | undefined>): Subject {
  if (params.noticeId) return { kind: 'notice', noticeId: params.noticeId };
  if (params.reportId) return { kind: 'report', reportId: params.reportId };
  if (params.decisionId) return { kind: 'decision', decisionId: params.decisionId };
  const version = Number(params.version);
  const row = Number(params.rowIndex);
  if (params.payoutSeriesId && Number.isInteger(version) && Number.isInteger(row)) {
    return { kind: 'payout', seriesId: params.payoutSeriesId, version, rowIndex: row };
  }
  if (!params.seriesId || !Number.isInteger(version)) return { kind: 'general' };
  const index = params.itemIndex === undefined ? undefined : Number(params.itemIndex);
  return {
    kind: 'disclosure',
    seriesId: params.seriesId,
    version,
    ...(index !== undefined && Number.isInteger(index) ? { itemIndex: index } : {}),
  };
}

/** The title the page came from, for showing only (the server keeps its own). */
function shownTitle(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default function OversightRaisePage() {
  const { params } = useRouter();
  return (
    <Screen id="page-oversight-raise">
      <RaiseScreen subject={subjectOf(params)} title={shownTitle(params.title)} />
    </Screen>
  );
}
