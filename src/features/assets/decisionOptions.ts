import { call } from '@/services/api';
import { useRequest } from '@/features/shared/useRequest';

/** The village's decisions passed by its 村民代表会议 (村民会议), as options of a form. */
export function usePassedDecisions(): { value: string; label: string }[] {
  const decisions = useRequest(() => call('decisions', 'decisions', { limit: 50 }), []);
  return (decisions.data?.items ?? [])
    .filter((d) => d.status === 'resolved' || d.status === 'completed')
    .map((d) => ({ value: d.id, label: d.title }));
}
