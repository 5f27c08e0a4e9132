/**
 * Which WeChat cloud environment's storage counts as our own. A cloud file id reads
 * `cloud://<envId>.<bucket>/<path>`; a file of another environment (another mini-program's, or a
 * copy of ours) is no file of this system. The server says which environment it runs in:
 *  - a string: the cloud function's own environment (from its WeChat context): only its files;
 *  - null: the local runtime, which keeps files itself: no cloud file at all;
 *  - undefined (not said, e.g. on the phone, which does not know the id): any well-formed cloud id,
 *    the server checking again when it receives it.
 */
let ownCloudEnv: string | null | undefined;

/** Set by the host that runs the handlers (`wxHost` on each call, `startLocalRuntime` once). */
export function setOwnCloudEnv(env: string | null | undefined): void {
  ownCloudEnv = env;
}

/** Whether a well-formed `cloud://` file id lies in the environment this code runs in. */
export function inOwnCloudEnv(fileId: string): boolean {
  if (ownCloudEnv === undefined) return true;
  if (ownCloudEnv === null || ownCloudEnv === '') return false;
  const rest = fileId.slice('cloud://'.length);
  return rest.startsWith(`${ownCloudEnv}.`) || rest.startsWith(`${ownCloudEnv}/`);
}
