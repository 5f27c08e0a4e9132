// Probe: a domain module naming its context's store (a use case passes the data in).
import type { ReportDoc } from '../../../../../cloudfunctions/report/store';

export type Probe = ReportDoc;
