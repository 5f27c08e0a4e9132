import { Button } from '@nutui/nutui-react-taro';

/**
 * "分享到微信群": WeChat's share sheet (the page's useShareAppMessage gives the card). Only the
 * mini-program can share to a group, so elsewhere (the H5 console and demo) it is not shown.
 */
export function ShareButton({ id, label = '分享到微信群' }: { id: string; label?: string }) {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (
    <Button id={id} type="primary" block openType="share">
      {label}
    </Button>
  );
}
