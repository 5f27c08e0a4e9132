import Taro from '@tarojs/taro';
import { chooseAndUploadWeapp, uploadFileH5 } from '@/features/shared/upload';

/** Picks pictures and uploads them (cloud storage in WeChat, the local file store in H5). */
export async function pickPictures(villageId: string, max: number): Promise<string[]> {
  if (max <= 0) return [];
  if (process.env.TARO_ENV === 'weapp')
    return (await chooseAndUploadWeapp(villageId, max)).map((a) => a.fileId);
  const picked = await Taro.chooseImage({ count: max, sizeType: ['compressed'] });
  const out: string[] = [];
  for (const f of picked.tempFiles) {
    const file = (f as unknown as { originalFileObj?: File }).originalFileObj;
    if (file) out.push((await uploadFileH5(file)).fileId);
  }
  return out;
}
