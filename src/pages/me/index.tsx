import { View } from '@tarojs/components';
import { Screen } from '@/features/shared/Screen';
import { EmptyState, ErrorView, Loading } from '@/features/shared/StateViews';
import { EntryList } from '@/features/shared/EntryList';
import { LargeTextSwitch } from '@/features/shared/LargeTextSwitch';
import { useMe } from '@/features/account/session';
import { BindingCard } from '@/features/account/BindingCard';
import { AreaLinks } from '@/features/account/AreaLinks';
import { ClaimForm, PendingClaim, RedeemForm, RosterLinkCard } from '@/features/account/BindingForms';
import { PersonaPicker } from '@/features/account/PersonaPicker';

export default function MePage() {
  const me = useMe();
  const signedOut = me.error?.code === 'NOT_SIGNED_IN';
  let body;
  if (!me.data)
    body = signedOut ? (
      <EmptyState title="请先登录" hint="本地演示：请在下方选择一个演示身份。" />
    ) : me.error ? (
      <ErrorView error={me.error} onRetry={me.reload} />
    ) : (
      <Loading />
    );
  else if (me.data.binding)
    body = (
      <View>
        <BindingCard binding={me.data.binding} />
        {me.data.rosterLink && me.data.binding.villageId ? (
          <RosterLinkCard
            village={{ id: me.data.binding.villageId, name: me.data.binding.villageName ?? '' }}
            link={me.data.rosterLink}
            pendingClaim={me.data.pendingClaim}
          />
        ) : null}
        <AreaLinks binding={me.data.binding} />
        <EntryList place="me" roles={me.data.binding.roles} bound={!!me.data.binding.villageId} />
      </View>
    );
  else if (me.data.pendingClaim) body = <PendingClaim claim={me.data.pendingClaim} />;
  else
    body = (
      <View>
        <RedeemForm />
        <ClaimForm />
      </View>
    );

  return (
    <Screen id="page-me">
      {body}
      <LargeTextSwitch />
      {process.env.TARO_ENV === 'h5' ? <PersonaPicker /> : null}
    </Screen>
  );
}
