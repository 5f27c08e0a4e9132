import type { DoorCodeMaker } from './doorCode';
import type { SubscribeSender } from './subscribe';

/**
 * Outbound services a host provides to handlers besides the store (e.g. a subscribe-message
 * sender). Production wires WeChat's implementations in wx-entry.ts; the local runtime and tests
 * wire local ones. Contexts add their port here as an optional field.
 */
export interface Services {
  // one field per service; keep this comment as the anchor for additions
  /** Subscribe messages (report context): WeChat openapi in production, an outbox locally. */
  subscribeSender?: SubscribeSender;
  /** Door codes (record context): WeChat's mini-program code in production, a QR of the H5 address locally. */
  doorCodeMaker?: DoorCodeMaker;
}
