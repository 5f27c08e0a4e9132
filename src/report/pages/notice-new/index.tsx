import '@/features/report/report.scss';
import { View, Text, Input, Textarea, Switch, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { reportInputs } from '@common/contracts/report';
import { call, newRequestId } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { toApiError } from '@/features/shared/useRequest';
import { pickPictures } from '@/features/report/pictures';
import { noticeUrl } from '@/features/report/format';

function NoticeForm({ villageId }: { villageId: string }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState('');
  const [pictures, setPictures] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per form fill: a retried tap never publishes twice.
  const requestId = useRef(newRequestId());

  const submit = async () => {
    const input = {
      requestId: requestId.current,
      villageId,
      title,
      body,
      pinned,
      pictures,
      ...(expiresOn ? { expiresOn } : {}),
    };
    const parsed = reportInputs.publishNotice.safeParse(input);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const n = await call('report', 'publishNotice', input);
      Taro.showToast({ title: '已发布', icon: 'success' });
      Taro.redirectTo({ url: noticeUrl(n.noticeId) });
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="notice-form">
      <Text className="report-h3">标题</Text>
      <Input
        id="notice-title-input"
        className="report-input"
        value={title}
        maxlength={40}
        placeholder="例如：停水通知"
        onInput={(e) => setTitle(e.detail.value)}
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
                setError(toApiError(e).message);
              }
            }}
          >
            添加图片
          </Button>
        ) : null}
      </View>
      <View className="card-row">
        <Text>置顶显示</Text>
        <Switch checked={pinned} onChange={(e) => setPinned(e.detail.value)} />
      </View>
      <Text className="report-h3">有效期至（选填，格式 2026-12-31）</Text>
      <Input
        className="report-input"
        value={expiresOn}
        maxlength={10}
        placeholder="不填则一直显示"
        onInput={(e) => setExpiresOn(e.detail.value.trim())}
      />
      {error ? (
        <Text className="report-line report-bad" id="notice-error">
          {error}
        </Text>
      ) : null}
      <Button id="publish-notice" type="primary" block loading={busy} onClick={submit}>
        发布并通知订阅的村民
      </Button>
    </View>
  );
}

export default function NewNoticePage() {
  return (
    <Screen id="page-notice-new">
      <RoleGate roles={['cadre']}>
        {(b) => (b.villageId ? <NoticeForm villageId={b.villageId} /> : null)}
      </RoleGate>
    </Screen>
  );
}
