import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Attachment } from '@common/contracts/disclosure';
import { attachmentCaption } from '@common/format';

/** Receipts and other pictures; a tap opens them full screen (zoomable). */
export function Attachments({ items }: { items: Attachment[] }) {
  const [broken, setBroken] = useState<Record<string, boolean>>({});
  const images = items.filter((a) => a.kind === 'image');
  const files = items.filter((a) => a.kind !== 'image');
  if (!items.length) return null;
  const urls = images.map((a) => a.fileId);
  return (
    <View className="attachments card">
      <Text className="section-title">附件（{items.length}）</Text>
      <View className="attachment-grid">
        {images.map((a, i) => (
          <View
            key={a.fileId}
            className="attachment tap"
            onClick={() => Taro.previewImage({ urls, current: a.fileId })}
          >
            {broken[a.fileId] ? (
              <View className="attachment-missing">
                <Text>图片无法显示</Text>
              </View>
            ) : (
              <Image
                className="attachment-image"
                src={a.fileId}
                mode="aspectFill"
                lazyLoad
                onError={() => setBroken((b) => ({ ...b, [a.fileId]: true }))}
              />
            )}
            <Text className="attachment-name">{attachmentCaption(a, i)}</Text>
          </View>
        ))}
      </View>
      {files.map((a, i) => (
        <Text key={a.fileId} className="attachment-file">
          {attachmentCaption(a, i)}
        </Text>
      ))}
    </View>
  );
}
