import Taro from '@tarojs/taro';
import type { Attachment } from '@common/contracts/disclosure';
import type { Reply } from '@common/errors';
import { ApiError, getPersona } from '@/services/api';

/** Mini-program: pick or shoot pictures, upload them to cloud storage, keep their file ids. */
export async function chooseAndUploadWeapp(villageId: string, max: number): Promise<Attachment[]> {
  const picked = await Taro.chooseMedia({
    count: max,
    mediaType: ['image'],
    sourceType: ['album', 'camera'],
    sizeType: ['compressed'],
  });
  const out: Attachment[] = [];
  for (const f of picked.tempFiles) {
    const ext = /\.(\w+)$/.exec(f.tempFilePath)?.[1]?.toLowerCase() ?? 'jpg';
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const up = await Taro.cloud.uploadFile({
      cloudPath: `disclosures/${villageId}/${stamp}.${ext}`,
      filePath: f.tempFilePath,
    });
    out.push({ fileId: up.fileID, name: '图片', kind: 'image' });
  }
  return out;
}

/** H5 (local runtime): the file's raw bytes go to /api/files, which answers with its file id. */
export async function uploadFileH5(file: File): Promise<Attachment> {
  let reply: Reply<{ fileId: string }>;
  try {
    const res = await fetch('/api/files', {
      method: 'POST',
      // The local runtime takes files only from a signed-in person whose role uploads.
      headers: { 'content-type': file.type, 'x-persona': getPersona() },
      body: file,
    });
    reply = (await res.json()) as Reply<{ fileId: string }>;
  } catch {
    throw new ApiError({ ok: false, code: 'INTERNAL', message: '上传失败，请检查网络后重试' });
  }
  if (!reply.ok) throw new ApiError(reply);
  return {
    fileId: reply.data.fileId,
    name: file.name.slice(0, 60),
    kind: file.type === 'application/pdf' ? 'file' : 'image',
  };
}
