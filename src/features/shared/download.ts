import Taro from '@tarojs/taro';
import type { ExportFile } from '@common/contracts/assessment';

/**
 * Saves a workbook made by the cloud function. H5: a download from a Blob. Mini-program: the
 * file goes to the user data folder and opens in WeChat's document viewer (forward or print from
 * there). The spreadsheet library itself stays in the cloud function.
 */
export async function saveExport(file: ExportFile): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const binary = atob(file.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
    return;
  }
  const path = `${Taro.env.USER_DATA_PATH}/${file.fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, file.base64, 'base64');
  await Taro.openDocument({ filePath: path, fileType: 'xlsx', showMenu: true });
}
