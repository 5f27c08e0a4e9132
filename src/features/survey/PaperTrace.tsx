import { Text } from '@tarojs/components';
import type { RoundSummary } from '@common/contracts/survey';

/** How many paper ballots each supervisor keyed in (a count, never whose). */
export function PaperTrace({ paperBy }: { paperBy?: RoundSummary['paperBy'] }) {
  if (!paperBy) return null;
  return (
    <Text className="sv-hint sv-paper-trace">
      {paperBy.length === 0
        ? '纸质选票：尚无录入'
        : `纸质选票录入：${paperBy.map((p) => `${p.supervisorName} ${p.ballots} 份`).join('，')}`}
    </Text>
  );
}
