import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Attachment } from '@common/contracts/disclosure';
import { attachmentCaption } from '@common/format';
import { toApiError } from './useRequest';
import { chooseAndUploadWeapp, uploadFileH5 } from './upload';

const MAX = 9;

/** Pictures of receipts and notices: up to 9, uploaded as soon as they are chosen. */
export function AttachmentsEditor({
  villageId,
  value,
  onChange,
  error,
  idPrefix = 'attachment',
}: {
  villageId: string;
  value: Attachment[];
  onChange: (a: Attachment[]) => void;
  error?: string;
  /** Ids of the file input and the add button, for pages with more than one editor. */
  idPrefix?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const room = MAX - value.length;

  const addWeapp = async () => {
    setBusy(true);
    setMessage(null);
    try {
      onChange([...value, ...(await chooseAndUploadWeapp(villageId, room))]);
    } catch (e) {
      const msg = (e as { errMsg?: string }).errMsg ?? '';
      if (!msg.includes('cancel')) setMessage(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const addH5 = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setMessage(null);
    const added: Attachment[] = [];
    try {
      for (const f of Array.from(files).slice(0, room)) added.push(await uploadFileH5(f));
    } catch (e) {
      setMessage(toApiError(e).message);
    } finally {
      onChange([...value, ...added]);
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <View className="attachments-editor">
      <View className="attachment-grid">
        {value.map((a, i) => (
          <View key={a.fileId} className="attachment attachment-edit">
            {a.kind === 'image' ? (
              <Image
                className="attachment-image"
                src={a.fileId}
                mode="aspectFill"
                onClick={() => Taro.previewImage({ urls: [a.fileId] })}
              />
            ) : (
              <View className="attachment-missing">
                <Text>{attachmentCaption(a, i)}</Text>
              </View>
            )}
            <Text
              className="attachment-remove link tap"
              onClick={() => onChange(value.filter((_, n) => n !== i))}
            >
              移除
            </Text>
          </View>
        ))}
      </View>
      {room > 0 ? (
        process.env.TARO_ENV === 'h5' ? (
          <View>
            <input
              id={`${idPrefix}-input`}
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg,image/webp,application/pdf"
              multiple
              style={{ display: 'none' }}
              onChange={(e) => void addH5(e.currentTarget.files)}
            />
            <Button
              id={`${idPrefix}-add`}
              fill="outline"
              loading={busy}
              onClick={() => fileInput.current?.click()}
            >
              ＋ 添加图片或 PDF（还可添加 {room} 个）
            </Button>
          </View>
        ) : (
          <Button id={`${idPrefix}-add`} fill="outline" loading={busy} onClick={addWeapp}>
            ＋ 拍照或选择图片（还可添加 {room} 个）
          </Button>
        )
      ) : null}
      {message ? <Text className="field-error">{message}</Text> : null}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}
