import { View, Text, Input, Textarea, Switch, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { reportInputs, type NoticeDetail } from '@common/contracts/report';
import { call, newRequestId } from '@/services/api';
import { RoleGate } from '@/features/account/RoleGate';
import { DateField } from '@/features/shared/DateField';
import { RequestView } from '@/features/shared/StateViews';
import { useFormSubmit } from '@/features/shared/forms';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { navigateBack, redirectTo, showToast } from '@/features/shared/nav';
import { pickPictures } from './pictures';
import { noticeUrl } from './format';

/** A titled line of the notice form (its title, a correction's reason). */
function LineInput({
  label,
  onChange,
  ...input
}: {
  label: string;
  id: string;
  value: string;
  maxlength: number;
  placeholder: string;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <Text className="report-h3">{label}</Text>
      <Input className="report-input" {...input} onInput={(e) => onChange(e.detail.value)} />
    </>
  );
}

/** A new notice, or (with `base`) a correction of one: a new version with a reason. */
function NoticeForm({ villageId, base }: { villageId: string; base?: NoticeDetail }) {
  const [title, setTitle] = useState(base?.title ?? '');
  const [body, setBody] = useState(base?.body ?? '');
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState(base?.expiresOn ?? '');
  const [pictures, setPictures] = useState<string[]>(base?.pictures ?? []);
  const [reason, setReason] = useState('');
  const form = useFormSubmit();
  const error = form.firstMessage;
  // One key per form fill: a retried tap never publishes twice.
  const requestId = useRef(newRequestId());

  const submit = () => {
    const common = {
      requestId: requestId.current,
      title,
      body,
      pictures,
      ...(expiresOn ? { expiresOn } : {}),
    };
    if (base)
      return form.submit(
        reportInputs.correctNotice,
        { ...common, noticeId: base.noticeId, baseVersion: base.version, reason },
        async (i) => {
          await call('report', 'correctNotice', i);
          showToast({ title: '已更正', icon: 'success' });
          navigateBack();
        },
      );
    return form.submit(reportInputs.publishNotice, { ...common, villageId, pinned }, async (i) => {
      const n = await call('report', 'publishNotice', i);
      showToast({ title: '已发布', icon: 'success' });
      redirectTo({ url: noticeUrl(n.noticeId) });
    });
  };

  return (
    <View className="card" id="notice-form">
      {base ? (
        <View>
          <Text className="report-sub">
            更正会发布为第 {base.version + 1} 版，原来的版本和更正原因村民都能看到。更正不会再次发送订阅消息。
          </Text>
          <LineInput
            label="更正原因（必填）"
            id="notice-reason-input"
            value={reason}
            maxlength={200}
            placeholder="例如：停水时间写错了"
            onChange={setReason}
          />
        </View>
      ) : null}
      <LineInput
        label="标题"
        id="notice-title-input"
        value={title}
        maxlength={40}
        placeholder="例如：停水通知"
        onChange={setTitle}
      />
      <Text className="report-h3">正文</Text>
      <Textarea
        id="notice-body-input"
        className="report-textarea"
        value={body}
        maxlength={3000}
        onInput={(e) => setBody(e.detail.value)}
      />
      <Text className="report-h3">图片（选填，最多 9 张）</Text>
      <View className="report-actions">
        {pictures.map((p) => (
          <Image
            key={p}
            src={p}
            mode="aspectFill"
            style={{ width: '160px', height: '160px' }}
            onClick={() => setPictures(pictures.filter((x) => x !== p))}
          />
        ))}
        {pictures.length < 9 ? (
          <Button
            fill="outline"
            onClick={async () => {
              try {
                const added = await pickPictures(villageId, 9 - pictures.length);
                setPictures([...pictures, ...added]);
              } catch (e) {
                form.say(toApiError(e).message);
              }
            }}
          >
            添加图片
          </Button>
        ) : null}
      </View>
      {base ? null : (
        <View className="card-row">
          <Text>置顶显示</Text>
          <Switch checked={pinned} onChange={(e) => setPinned(e.detail.value)} />
        </View>
      )}
      <Text className="report-h3">有效期至（选填，不选则一直显示）</Text>
      <DateField
        id="notice-expires"
        value={expiresOn}
        onChange={setExpiresOn}
        title="有效期至"
        placeholder="不选则一直显示"
        startYear={new Date().getFullYear()}
        endYear={new Date().getFullYear() + 2}
      />
      {expiresOn ? (
        <Text id="notice-expires-clear" className="report-sub tap" onClick={() => setExpiresOn('')}>
          不设有效期
        </Text>
      ) : null}
      {error ? (
        <Text className="report-line report-bad" id="notice-error">
          {error}
        </Text>
      ) : null}
      <Button id="publish-notice" type="primary" block loading={form.busy} onClick={() => void submit()}>
        {base ? '发布更正' : '发布并通知订阅的村民'}
      </Button>
    </View>
  );
}

function CorrectionForm({ villageId, noticeId }: { villageId: string; noticeId: string }) {
  const req = useRequest(() => call('report', 'getNotice', { noticeId }), [noticeId]);
  return <RequestView state={req}>{(n) => <NoticeForm villageId={villageId} base={n} />}</RequestView>;
}

/** A cadre's new notice, or with `correct` the correction of that notice. */
export function NewNoticeScreen({ correct }: { correct: string }) {
  useEffect(() => {
    if (correct) void Taro.setNavigationBarTitle({ title: '更正通知' });
  }, [correct]);
  return (
    <RoleGate roles={['cadre']}>
      {(b) =>
        !b.villageId ? null : correct ? (
          <CorrectionForm villageId={b.villageId} noticeId={correct} />
        ) : (
          <NoticeForm villageId={b.villageId} />
        )
      }
    </RoleGate>
  );
}
