/**
 * The port that makes a village's door code (a service of the host, like the subscribe sender):
 * in WeChat a mini-program code (`wxacode.getUnlimited`) uploaded to cloud storage; locally a QR
 * code of the H5 address (cloudfunctions/local/doorCode.ts).
 */
export interface DoorCodeRequest {
  villageId: string;
  /** `v=<villageId>` (common/door.ts). */
  scene: string;
  /** The page it opens, without a leading slash. */
  page: string;
}

export interface DoorCodeMaker {
  /**
   * What the codes point at (e.g. 'wxacode', or the H5 address locally): a code stored for
   * another source is made again.
   */
  source(): string;
  /** Makes the code; resolves to what an image shows (a cloud file id, or a data URL locally). */
  make(req: DoorCodeRequest): Promise<string>;
}

/** The part of wx-server-sdk the WeChat adapter uses. */
export interface WxDoorCodeApi {
  openapi: {
    wxacode: {
      getUnlimited(arg: {
        scene: string;
        page: string;
        width: number;
        checkPath: boolean;
      }): Promise<{ buffer?: Uint8Array; errCode?: number; errMsg?: string }>;
    };
  };
  uploadFile(arg: { cloudPath: string; fileContent: Uint8Array }): Promise<{ fileID?: string }>;
}

/** WeChat's adapter: the mini-program code, uploaded under a fixed path per village. */
export function wxDoorCodeMaker(api: WxDoorCodeApi): DoorCodeMaker {
  return {
    source: () => 'wxacode',
    async make({ villageId, scene, page }) {
      // checkPath off: the page exists in the released version; 1280 px prints sharp on A4.
      const res = await api.openapi.wxacode.getUnlimited({ scene, page, width: 1280, checkPath: false });
      if (res.errCode || !res.buffer)
        throw new Error(`wxacode.getUnlimited: ${res.errCode} ${res.errMsg ?? ''}`);
      const up = await api.uploadFile({ cloudPath: `door-codes/${villageId}.png`, fileContent: res.buffer });
      if (!up.fileID) throw new Error('uploadFile returned no fileID');
      return up.fileID;
    },
  };
}
