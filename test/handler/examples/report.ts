import { DONGLING } from '../demo-town';
import { seeded, type Examples } from './types';

const notice = (town: Parameters<typeof seeded>[0]) =>
  seeded<{ villageId: string; pinned: boolean; version: number }>(
    town,
    'notices',
    (n) => n.villageId === DONGLING && n.pinned,
  );

export const reportExamples: Examples<'report'> = {
  publishNotice: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-notice',
      villageId: DONGLING,
      title: '关于冬季防火的通知',
      body: '请各户注意用火安全，不在山林周边焚烧秸秆。',
      expiresOn: '2026-12-31',
      pinned: false,
    },
  },
  correctNotice: {
    persona: 'cadre',
    input: async (town) => {
      const n = await notice(town);
      return {
        requestId: 'req-example-correct-notice',
        noticeId: n._id,
        baseVersion: n.version,
        reason: '更正时间',
        title: '关于冬季防火的通知（更正）',
        body: '请各户注意用火安全。',
      };
    },
  },
  unpinNotice: { persona: 'cadre', input: async (town) => ({ noticeId: (await notice(town))._id }) },
  withdrawNotice: {
    persona: 'cadre',
    input: async (town) => ({ noticeId: (await notice(town))._id, reason: '内容已过时' }),
  },
  listNotices: { persona: 'resident', input: { villageId: DONGLING, scope: 'current', limit: 10 } },
  getNotice: { persona: 'resident', input: async (town) => ({ noticeId: (await notice(town))._id }) },
  draftReport: { persona: 'cadre', input: { villageId: DONGLING, month: '2026-10' } },
  listReports: { persona: 'migrant', input: { villageId: DONGLING, limit: 10 } },
  getReport: { persona: 'migrant', input: { reportId: `${DONGLING}.2026-09` } },
  publishReport: { persona: 'cadre', input: { reportId: `${DONGLING}.2026-10`, note: '' } },
  townReports: { persona: 'town', input: { month: '2026-10' } },
  subscribe: {
    persona: 'migrant',
    input: { requestId: 'req-example-subscribe', answers: [{ template: 'monthlyReport', answer: 'accept' }] },
  },
  mySubscriptions: { persona: 'migrant', input: {} },
  deliveryStatus: { persona: 'cadre', input: { subjectId: `${DONGLING}.2026-09` } },
  resumeDelivery: { persona: 'cadre', input: { subjectId: `${DONGLING}.2026-09` } },
};
