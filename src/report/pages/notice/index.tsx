import '@/features/report/report.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { NoticeScreen } from '@/features/report/NoticeScreen';

export default function NoticePage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const version = params.v ? Number(params.v) : undefined;
  return (
    <Screen id="page-notice">
      <NoticeScreen id={id} version={version} />
    </Screen>
  );
}
