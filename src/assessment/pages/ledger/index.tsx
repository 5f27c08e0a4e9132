import { chinaDateKey } from '@common/clock';
import '@/features/assessment/assessment.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { LedgerScreen } from '@/features/assessment/LedgerScreen';

export default function AssessmentLedgerPage() {
  return (
    <Screen id="page-assessment-ledger" wide>
      <RoleGate roles={['townAdmin']}>{() => <LedgerScreen today={chinaDateKey(new Date())} />}</RoleGate>
    </Screen>
  );
}
