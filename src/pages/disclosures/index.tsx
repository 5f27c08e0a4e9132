import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

export default function Page() {
  return (
    <View className="page">
      <Text>disclosures</Text>
      <Button type="primary">确定</Button>
    </View>
  );
}
