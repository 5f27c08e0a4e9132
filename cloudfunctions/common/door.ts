/**
 * The code on every door (门牌二维码): it opens the village's home with the village in `scene`.
 * In WeChat the mini-program code carries `scene` to the page's options; locally the QR carries
 * the H5 address with the same `scene` query, so the home reads both the same way.
 *
 * Pure: shared by the cloud functions (which make the code) and the home page (which reads it).
 */

/** The page a door code opens. */
export const DOOR_PAGE = 'pages/home/index';

/** WeChat allows at most 32 visible characters in `scene`. */
export const SCENE_MAX = 32;

/** The `scene` of a village's door code. */
export function doorSceneOf(villageId: string): string {
  return `v=${villageId}`;
}

/** The village a door code's `scene` names (as the page receives it, maybe URL-encoded), or null. */
export function villageOfScene(scene: string | undefined | null): string | null {
  if (!scene) return null;
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const m = /^v=([A-Za-z0-9_-]{1,30})$/.exec(text);
  return m ? (m[1] ?? null) : null;
}
