import { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { configure as configureIcons } from '@nutui/icons-react-taro';
import './app.scss';

// NutUI icons render as <i>, which the mini-program has no template for; a view renders them.
configureIcons({ tag: 'view' });

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ traceUser: true });
    }
  });
  return children;
}

export default App;
