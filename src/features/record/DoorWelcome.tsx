import { View, Text } from '@tarojs/components';
import { ClaimForm, RedeemForm } from '@/features/account/BindingForms';

/**
 * What an unbound person sees after scanning a village's door code: joining that village, the
 * village already chosen in the roster claim (a cadre approves), or an invitation code.
 */
export function DoorWelcome({ villageId }: { villageId: string }) {
  return (
    <View id="door-welcome">
      <View className="card">
        <Text className="section-title">欢迎！先加入本村</Text>
        <Text className="state-hint">
          您扫的是本村的门牌二维码。填写名册上的姓名和手机号后四位认领，村干部审核后就能看到本村的党务、村务、财务公开。
        </Text>
      </View>
      <ClaimForm preselected={villageId} />
      <RedeemForm />
    </View>
  );
}
