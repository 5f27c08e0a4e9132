import '@/features/disclosure/form/form.scss';
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CADRE_GRANTABLE_ROLES, ROLES } from '@common/contracts/shared';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { isCadre, isTownAdmin, setViewedVillage, viewedVillage } from '@/features/account/session';
import { InvitationCreator } from '@/features/account/members/InvitationCreator';
import { RosterImport } from '@/features/account/members/RosterImport';
import { ClaimsReview } from '@/features/account/members/ClaimsReview';
import { MemberList } from '@/features/account/members/MemberList';
import { VillagePicker } from '@/features/account/members/VillagePicker';
import { RelativesLink } from '@/features/payouts/PayoutsLink';

/** Roles a town admin hands out in a village: all but their own. */
const TOWN_GRANTABLE_ROLES = ROLES.filter((r) => r !== 'townAdmin');

/**
 * A cadre manages their own village's people; a town admin picks a village of the town and
 * can also invite its cadres, supervisors and village representatives; a supervisor (村监委)
 * watches who has joined the village, and how, without managing anyone.
 */
export default function MembersPage() {
  const { params } = useRouter();
  const [version, setVersion] = useState(0);
  const [picked, setPicked] = useState<string | null>(params.villageId ?? viewedVillage()?.id ?? null);
  const bump = () => setVersion((v) => v + 1);
  return (
    <Screen id="page-members" wide>
      <RoleGate roles={['cadre', 'townAdmin', 'supervisor']}>
        {(b) => {
          const town = isTownAdmin(b);
          const villageId = town ? picked : b.villageId;
          const manages = town || isCadre(b);
          if (!manages)
            return (
              <View className="members-page watch-only">
                <RelativesLink />
                {b.villageId ? <MemberList villageId={b.villageId} version={version} /> : null}
              </View>
            );
          return (
            <View className="members-page">
              {town ? (
                <VillagePicker
                  value={picked}
                  onChange={(id, name) => {
                    setPicked(id);
                    setViewedVillage({ id, name });
                  }}
                />
              ) : null}
              {villageId ? (
                <>
                  <InvitationCreator
                    villageId={villageId}
                    roles={town ? TOWN_GRANTABLE_ROLES : CADRE_GRANTABLE_ROLES}
                  />
                  {town ? null : <RelativesLink />}
                  {town ? null : <ClaimsReview villageId={villageId} onReviewed={bump} />}
                  <RosterImport villageId={villageId} onImported={bump} byTownAdmin={town} />
                  <MemberList villageId={villageId} version={version} />
                </>
              ) : (
                <Text className="state-hint">请先选择村。</Text>
              )}
            </View>
          );
        }}
      </RoleGate>
    </Screen>
  );
}
