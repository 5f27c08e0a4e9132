import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';

// Zod-free on purpose: these links sit in the main package (the disclosure list) and the roster screen.

/** Under the finance disclosures: the payout lists go with the month's finance disclosure. */
export function PayoutsLink({ villageId }: { villageId?: string }) {
  return (
    <View
      className="card tap"
      id="payouts-link"
      onClick={() =>
        void Taro.navigateTo({
          url: `/payouts/pages/index/index${villageId ? `?villageId=${villageId}` : ''}`,
        })
      }
    >
      <Text className="section-title">惠民资金发放名单 ›</Text>
      <Text className="state-hint">低保、特困供养、各项补贴和临时救助，每月发给谁多少钱</Text>
    </View>
  );
}

/** On the roster screen: cadres and 村监委 members declare their close relatives. */
export function RelativesLink() {
  return (
    <View
      className="card tap"
      id="relatives-link"
      onClick={() => void Taro.navigateTo({ url: '/payouts/pages/relatives/index' })}
    >
      <Text className="section-title">申报我的近亲属 ›</Text>
      <Text className="state-hint">发给您近亲属的惠民资金会提示村监委和镇纪委核实</Text>
    </View>
  );
}
