import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Claim } from '@common/contracts/account';
import type { InputOf } from '@common/contracts';
import { invitationCodeProblem, personNameProblem, phoneLast4Problem } from '@common/contracts/binding-rules';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { fieldChecks, Chips, Field, FormError, useFormSubmit } from '../shared/forms';
import { InputField } from '../shared/InputField';
import { clearCaches } from '../shared/storage';
import { Loading } from '../shared/StateViews';
import { useRequest } from '../shared/useRequest';
import { sessionChanged } from './session';
import { showToast } from '../shared/nav';

// These forms are on the 我的 tab (main package), which carries no schemas: they check with the
// rules the account schemas are built from, and the server parses the input again.
const redeemChecks = fieldChecks<InputOf<'account', 'redeemInvitation'>>((i) => ({
  code: invitationCodeProblem(i.code),
  name: personNameProblem(i.name),
}));
const claimChecks = fieldChecks<InputOf<'account', 'claimRoster'>>((i) => ({
  villageId: i.villageId.trim() ? null : '请选择您所在的村',
  name: personNameProblem(i.name),
  phoneLast4: phoneLast4Problem(i.phoneLast4),
}));

function done(message: string) {
  clearCaches();
  sessionChanged();
  showToast({ title: message, icon: 'success' });
}

/** Joining with an invitation code that a cadre or the town issued. */
export function RedeemForm() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const input = { code, name };
  const { errors, message, busy, submit: send } = useFormSubmit(input);

  const submit = () =>
    send(redeemChecks, input, async (data) => {
      await call('account', 'redeemInvitation', data);
      done('加入成功');
    });

  return (
    <View id="redeem-form" className="card form">
      <Text className="section-title">我有邀请码</Text>
      <InputField
        required
        label="邀请码"
        name="code"
        error={errors.code}
        hint="8 位字母或数字，向村干部索取"
        id="redeem-code"
        value={code}
        onChange={setCode}
        placeholder="例如 K7M2Q9XA"
        maxLength={8}
      />
      <InputField
        required
        label="您的姓名"
        name="name"
        error={errors.name}
        id="redeem-name"
        value={name}
        onChange={setName}
        placeholder="请填写真实姓名"
        maxLength={20}
      />
      <FormError message={message} />
      <Button id="redeem-submit" type="primary" block loading={busy} onClick={submit}>
        使用邀请码加入
      </Button>
    </View>
  );
}

/** Claiming one's own entry of the village roster the cadre imported; a cadre approves. */
export function ClaimForm({
  village,
  preselected,
}: { village?: { id: string; name: string }; preselected?: string } = {}) {
  // A person already bound claims in their own village only: no village to choose.
  const villages = useRequest(() => call('account', 'villages', {}), [], { enabled: !village });
  // Opened from a village's door code: that village is chosen already (and can be changed).
  const [villageId, setVillageId] = useState<string | undefined>(village?.id ?? preselected);
  const [name, setName] = useState('');
  const [phoneLast4, setPhone] = useState('');
  const input = { villageId: villageId ?? '', name, phoneLast4 };
  const { errors, message, busy, submit: send } = useFormSubmit(input);

  const submit = () =>
    send(
      claimChecks,
      input,
      async (data) => {
        await call('account', 'claimRoster', data);
        done('已提交，等待审核');
      },
      villageId ? {} : { villageId: '请选择您所在的村' },
    );

  return (
    <View id="claim-form" className={village ? 'form' : 'card form'}>
      {village ? null : (
        <>
          <Text className="section-title">我是本村村民（认领名册）</Text>
          <Text className="state-hint">
            村干部已把村民名册导入系统的，填写姓名和手机号后四位认领，村干部审核后即可加入。
          </Text>
        </>
      )}
      <Field label="所在的村" name="villageId" error={errors.villageId} required>
        {village ? (
          <Text id="claim-village-fixed">{village.name}</Text>
        ) : villages.data ? (
          <Chips
            idPrefix="claim-village"
            options={villages.data.villages.map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={setVillageId}
          />
        ) : villages.error ? (
          <Text className="form-error tap" onClick={villages.reload}>
            {villages.error.message}，点此重试
          </Text>
        ) : (
          <Loading />
        )}
      </Field>
      <InputField
        required
        label="姓名"
        name="name"
        error={errors.name}
        id="claim-name"
        value={name}
        onChange={setName}
        placeholder="与名册上的姓名一致"
        maxLength={20}
      />
      <InputField
        required
        label="手机号后四位"
        name="phoneLast4"
        error={errors.phoneLast4}
        id="claim-phone"
        type="number"
        value={phoneLast4}
        onChange={setPhone}
        placeholder="例如 3721"
        maxLength={4}
      />
      <FormError message={message} />
      <Button id="claim-submit" type="primary" block loading={busy} onClick={submit}>
        提交认领
      </Button>
    </View>
  );
}

export function PendingClaim({ claim }: { claim: Claim }) {
  return (
    <View id="pending-claim" className="card pending-claim">
      <Text className="section-title">认领申请审核中</Text>
      <Text>
        {claim.name}（手机尾号 {claim.phoneLast4}）于 {formatChinaDateTime(claim.createdAt)}{' '}
        提交，请等待村干部审核。
      </Text>
    </View>
  );
}

/**
 * For a person who joined by invitation: their own entry of the village roster, linked by a
 * cadre so that they and the entry are one person (one voter in a survey round).
 */
export function RosterLinkCard({
  village,
  link,
  pendingClaim,
}: {
  village: { id: string; name: string };
  link: 'linked' | 'unlinked';
  pendingClaim: Claim | null;
}) {
  return (
    <View id="roster-link" className="card">
      <Text className="section-title">核对村民名册</Text>
      {link === 'linked' ? (
        <Text id="roster-link-linked">已与本村村民名册中您的信息关联，测评时线上和纸质只算一人。</Text>
      ) : pendingClaim ? (
        <Text id="roster-link-pending">
          已提交核对：{pendingClaim.name}（手机尾号 {pendingClaim.phoneLast4}），
          {formatChinaDateTime(pendingClaim.createdAt)} 提交，请等待村干部审核。
        </Text>
      ) : (
        <View>
          <Text className="state-hint">
            如果您在本村村民名册上，请填写名册上的姓名和手机号后四位，村干部审核后关联，测评时线上和纸质只算一人。
          </Text>
          <ClaimForm village={village} />
        </View>
      )}
    </View>
  );
}
