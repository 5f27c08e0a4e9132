import { View, Text } from '@tarojs/components';
import { Switch } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { isLargeMode, setLargeMode } from './fontScale';

export function LargeTextSwitch() {
  const [on, setOn] = useState(isLargeMode);
  return (
    <View id="large-text" className="card setting-row">
      <View className="setting-text">
        <Text className="setting-title">大字模式</Text>
        <Text className="setting-hint">放大文字和按钮，看得更清楚</Text>
      </View>
      <Switch
        id="large-text-switch"
        checked={on}
        onChange={(v) => {
          setOn(v);
          setLargeMode(v);
        }}
      />
    </View>
  );
}
