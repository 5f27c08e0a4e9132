import '@/features/disclosure/form/form.scss';
import { useRouter } from '@tarojs/taro';
import { CATEGORIES, type Category } from '@common/contracts/disclosure';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { DisclosureForm } from '@/features/disclosure/form/DisclosureForm';

/** ?category=finance&period=2026-09 opens the form for that period (from an overdue line). */
function presetOf(params: Record<string, string | undefined>) {
  const category = params.category as Category | undefined;
  const periodKey = params.period;
  if (!category || !CATEGORIES.includes(category) || !periodKey) return undefined;
  if (!/^\d{4}-(\d{2}|Q[1-4])$/.test(periodKey)) return undefined;
  return { category, periodKey };
}

export default function PublishPage() {
  const { params } = useRouter();
  const preset = presetOf(params);
  return (
    <Screen id="page-publish" wide>
      <RoleGate roles={['cadre']}>
        {(b) => <DisclosureForm mode="publish" villageId={b.villageId ?? ''} preset={preset} />}
      </RoleGate>
    </Screen>
  );
}
