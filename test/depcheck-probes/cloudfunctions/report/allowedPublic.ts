// Control: a context asking another through its public surface, and its own store.
import { disclosureVersionRef } from '../../../../cloudfunctions/disclosure/public';
import { reportsOf } from '../../../../cloudfunctions/report/store';

export const probe = { disclosureVersionRef, reportsOf };
