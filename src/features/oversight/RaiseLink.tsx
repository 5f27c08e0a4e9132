import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useMe } from '@/features/account/session';
import { raiseUrl } from './labels';

/**
 * 我要反映 about what the page shows (a notice, a monthly report, a decision): for a person of
 * that village only, since only they may raise a question about it.
 */
export function RaiseLink({
  villageId,
  subject,
  title,
}: {
  villageId: string;
  subject: { noticeId: string } | { reportId: string } | { decisionId: string };
  title: string;
}) {
  const me = useMe();
  if (!me.data?.binding?.villageId || me.data.binding.villageId !== villageId) return null;
  return (
    <Button
      id="page-raise"
      type="primary"
      fill="outline"
      block
      onClick={() => void Taro.navigateTo({ url: raiseUrl({ ...subject, title }) })}
    >
      对此有疑问？我要反映
    </Button>
  );
}
