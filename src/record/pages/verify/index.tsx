import '@/features/record/record.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { VerifyView } from '@/features/record/VerifyView';

export default function VerifyPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-record-verify">
      <VerifyView villageId={params.villageId || undefined} />
    </Screen>
  );
}
