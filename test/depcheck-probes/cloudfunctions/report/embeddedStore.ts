// Probe: a use case opening the embedded (NeDB) adapter itself instead of using the host's store.
import { nedbStore } from '../../../../cloudfunctions/common/store/nedb';

export const probe = nedbStore;
