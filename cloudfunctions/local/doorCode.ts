import qrcode from 'qrcode-generator';
import type { DoorCodeMaker } from '../common/doorCode';

/**
 * The local runtime's door code: a QR code of the H5 address of the page, with the same `scene`
 * query a mini-program code carries, so opening it in a browser lands where WeChat would.
 * `origin` is read when a code is made (the runtime knows its address once it listens).
 */
export function localDoorCodeMaker(origin: () => string): DoorCodeMaker {
  return {
    source: () => `h5:${origin()}`,
    async make({ scene, page }) {
      const qr = qrcode(0, 'M');
      qr.addData(`${origin()}/#/${page}?scene=${encodeURIComponent(scene)}`);
      qr.make();
      // 8 px a module with a 4-module quiet zone: a GIF data URL the page shows as it is.
      return qr.createDataURL(8, 32);
    },
  };
}
