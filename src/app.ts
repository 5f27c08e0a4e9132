import { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import '@common/zod-setup';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ traceUser: true });
    }
  });
  return children;
}

export default App;
