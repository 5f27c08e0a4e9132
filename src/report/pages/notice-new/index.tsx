import '@/features/report/report.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { NewNoticeScreen } from '@/features/report/NoticeForm';

export default function NewNoticePage() {
  const correct = decodeURIComponent(useRouter().params.correct ?? '');
  return (
    <Screen id="page-notice-new">
      <NewNoticeScreen correct={correct} />
    </Screen>
  );
}
