import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { accountInputs, type Invitation } from '@common/contracts/account';
import { CADRE_GRANTABLE_ROLES, ROLE_LABELS, type Role } from '@common/contracts/shared';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { Field, FormError, useFormSubmit } from '../../shared/forms';
import { InputField } from '../../shared/InputField';
import { copyText } from '../../shared/confirm';

/**
 * Cadres invite residents, party members and migrant workers; a town admin passes the wider
 * list (cadres, supervisors, village representatives).
 */
export function InvitationCreator({
  villageId,
  roles: allowed = CADRE_GRANTABLE_ROLES,
}: {
  villageId: string;
  roles?: readonly Role[];
}) {
  const [roles, setRoles] = useState<string[]>(['resident']);
  const [uses, setUses] = useState('1');
  const [days, setDays] = useState('7');
  const input = { villageId, roles, maxUses: Number(uses), validDays: Number(days) };
  const { errors, message, busy, submit: send } = useFormSubmit(input);
  const [created, setCreated] = useState<Invitation | null>(null);

  const submit = () =>
    send(accountInputs.createInvitation, input, async (data) =>
      setCreated(await call('account', 'createInvitation', data)),
    );

  return (
    <View id="invitation-creator" className="card form">
      <Text className="section-title">生成邀请码</Text>
      <Field label="身份" name="roles" error={errors.roles} required>
        <Checkbox.Group className="role-checks" direction="horizontal" value={roles} onChange={setRoles}>
          {allowed.map((r) => (
            <Checkbox key={r} className={`role-check role-check-${r}`} value={r} label={ROLE_LABELS[r]} />
          ))}
        </Checkbox.Group>
      </Field>
      <View className="field-row">
        <InputField
          type="number"
          label="可使用人数"
          name="maxUses"
          error={errors.maxUses}
          id="invite-uses"
          value={uses}
          onChange={setUses}
          maxLength={3}
        />
        <InputField
          type="number"
          label="有效天数"
          name="validDays"
          error={errors.validDays}
          id="invite-days"
          value={days}
          onChange={setDays}
          maxLength={2}
        />
      </View>
      <FormError message={message} />
      <Button id="invite-submit" type="primary" block loading={busy} onClick={submit}>
        生成邀请码
      </Button>
      {created ? (
        <View className="invitation-result">
          <Text id="invitation-code" className="invitation-code" userSelect>
            {created.code}
          </Text>
          <Button
            id="invitation-copy"
            className="invitation-copy"
            type="primary"
            fill="outline"
            onClick={() => copyText(created.code, '邀请码')}
          >
            复制邀请码
          </Button>
          <Text className="state-hint">
            {created.roles.map((r) => ROLE_LABELS[r]).join('、')} · 可用 {created.maxUses} 人 ·{' '}
            {formatChinaDateTime(created.expiresAt)} 前有效
          </Text>
        </View>
      ) : null}
    </View>
  );
}
