import '@/features/disclosure/form/form.scss';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { InvitationCreator } from '@/features/account/members/InvitationCreator';
import { RosterImport } from '@/features/account/members/RosterImport';
import { ClaimsReview } from '@/features/account/members/ClaimsReview';
import { MemberList } from '@/features/account/members/MemberList';

export default function MembersPage() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <Screen id="page-members" wide>
      <RoleGate roles={['cadre']}>
        {(b) => (
          <View className="members-page">
            <InvitationCreator villageId={b.villageId ?? ''} />
            <ClaimsReview villageId={b.villageId ?? ''} onReviewed={bump} />
            <RosterImport villageId={b.villageId ?? ''} onImported={bump} />
            <MemberList villageId={b.villageId ?? ''} version={version} />
          </View>
        )}
      </RoleGate>
    </Screen>
  );
}
