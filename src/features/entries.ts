import type { Role } from '@common/contracts/shared';

/**
 * Entry points each bounded context offers on the home ("本村") and "我的" pages.
 * A context adds its own entries here; the pages render those whose roles match the caller.
 */
export interface Entry {
  key: string;
  title: string;
  /** One short line under the title. */
  hint: string;
  url: string;
  /** Who sees it; empty = everyone bound to a village. */
  roles: Role[];
  place: 'home' | 'me';
}

export const ENTRIES: Entry[] = [
  // one object per entry; keep this comment as the anchor for additions
  {
    key: 'payouts',
    title: '惠民资金公开',
    hint: '低保、补贴、救助，每月发给谁多少钱',
    url: '/payouts/pages/index/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'payouts-mine',
    title: '我家领了什么',
    hint: '您家领取的每一笔惠民资金',
    url: '/payouts/pages/mine/index',
    roles: ['resident', 'representative', 'partyMember', 'migrant'],
    place: 'home',
  },
  {
    key: 'payouts-edit',
    title: '发放名单录入',
    hint: '从表格粘贴惠民资金发放名单，检查后公开',
    url: '/payouts/pages/edit/index',
    roles: ['cadre'],
    place: 'me',
  },
  {
    key: 'payouts-flags',
    title: '惠民资金监督',
    hint: '发给干部亲属、重复列出、变化较大的名单',
    url: '/payouts/pages/flags/index',
    roles: ['supervisor', 'townAdmin'],
    place: 'me',
  },
  {
    key: 'relatives',
    title: '近亲属申报',
    hint: '申报近亲属，领取惠民资金时提示村监委核实',
    url: '/payouts/pages/relatives/index',
    roles: ['cadre', 'supervisor'],
    place: 'me',
  },
  {
    key: 'record-poster',
    title: '门牌二维码海报',
    hint: '打印本村的二维码海报，村民扫码就能看本村公开',
    url: '/record/pages/poster/index',
    roles: ['cadre', 'supervisor', 'townAdmin'],
    place: 'me',
  },
  {
    key: 'oversight-raise',
    title: '我要反映',
    hint: '对村里的事有疑问，向村监委反映，看得到每一步办理',
    url: '/oversight/pages/mine/index',
    roles: ['resident', 'representative', 'partyMember', 'migrant'],
    place: 'home',
  },
  {
    key: 'oversight-supervisor',
    title: '问题反映受理',
    hint: '受理群众反映、指定办理人、核实答复',
    url: '/oversight/pages/inbox/index',
    roles: ['supervisor'],
    place: 'me',
  },
  {
    key: 'assets',
    title: '村集体三资',
    hint: '资金、资产、资源登记，合同和每一笔收款',
    url: '/village-assets/pages/index/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'assets-stocktake',
    title: '三资盘点',
    hint: '逐项核对登记簿与实物，不符的报镇里',
    url: '/village-assets/pages/stocktake/index',
    roles: ['supervisor'],
    place: 'me',
  },
  {
    key: 'oversight-cadre',
    title: '问题反映答复',
    hint: '答复村监委受理的群众反映',
    url: '/oversight/pages/inbox/index',
    roles: ['cadre'],
    place: 'me',
  },
  {
    key: 'oversight-log',
    title: '村监委台账',
    hint: '例会、列席、监督检查和整改，每月一本，可导出',
    url: '/oversight/pages/log/index',
    roles: ['supervisor', 'cadre'],
    place: 'me',
  },
  {
    key: 'oversight-town',
    title: '问题反映督办',
    hint: '各村问题反映的办理、逾期、升级和满意率',
    url: '/oversight/pages/town/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'town-assets',
    title: '各村三资情况',
    hint: '逾期未收、合同到期、缺少决议和盘点不符',
    url: '/village-assets/pages/town/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'power-list',
    title: '小微权力清单',
    hint: '村里的事找谁办、怎么办，一查就知道',
    url: '/decisions/pages/list/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'decisions',
    title: '重大事项决策',
    hint: '四议两公开：每一步、每一次表决都公开',
    url: '/decisions/pages/decisions/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'power-list-edit',
    title: '维护小微权力清单',
    hint: '镇里维护基本目录，村里增加本村事项；调整留痕',
    url: '/decisions/pages/item-edit/index',
    roles: ['cadre', 'townAdmin'],
    place: 'me',
  },
  {
    key: 'regular-meetings',
    title: '两委会议记录',
    hint: '季度报告和每月列席会议，缺少的会标出',
    url: '/decisions/pages/meetings/index',
    roles: ['cadre', 'supervisor'],
    place: 'me',
  },
  {
    key: 'town-decisions',
    title: '各村民主决策情况',
    hint: '各村重大事项进度、逾期未公开和缺少的会议',
    url: '/decisions/pages/town/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'assessment-sheet',
    title: '清廉村居自评',
    hint: '对照指数标准逐项自评，上传证明材料后提交',
    url: '/assessment/pages/sheet/index',
    roles: ['cadre', 'supervisor'],
    place: 'me',
  },
  {
    key: 'assessment-dashboard',
    title: '清廉村居指数看板',
    hint: '各村得分、定级与目标对比，审核定级和监管台账',
    url: '/assessment/pages/dashboard/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'assessment-standard',
    title: '清廉村居测评标准',
    hint: '制定年度指数标准、加分和否决项，设置定级档次和目标',
    url: '/assessment/pages/standard/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'survey',
    title: '满意度测评',
    hint: '五好测评，一分钟答完，不记名',
    url: '/survey/pages/vote/index',
    roles: ['resident', 'representative', 'partyMember'],
    place: 'home',
  },
  {
    key: 'survey-manage',
    title: '满意度测评管理',
    hint: '开启、结束测评，查看参与情况和结果',
    url: '/survey/pages/manage/index',
    roles: ['cadre', 'townAdmin'],
    place: 'me',
  },
  {
    key: 'survey-paper',
    title: '纸质问卷录入',
    hint: '为没有智能手机的村民录入纸质问卷',
    url: '/survey/pages/paper/index',
    roles: ['supervisor'],
    place: 'me',
  },
  {
    key: 'survey-compare',
    title: '各村测评对比',
    hint: '全镇各村五好指标满意率对比',
    url: '/survey/pages/compare/index',
    roles: ['townAdmin'],
    place: 'me',
  },
  {
    key: 'report',
    title: '村情月报',
    hint: '每月收支、公开事项和通知，在外也能看',
    url: '/report/pages/index/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'notices',
    title: '通知公告',
    hint: '村两委发布的通知',
    url: '/report/pages/notices/index',
    roles: [],
    place: 'home',
  },
  {
    key: 'notice-new',
    title: '发布通知',
    hint: '发布后通知已订阅的村民',
    url: '/report/pages/notice-new/index',
    roles: ['cadre'],
    place: 'me',
  },
  {
    key: 'report-review',
    title: '审核月报',
    hint: '审核系统汇总的村情月报并发布',
    url: '/report/pages/index/index',
    roles: ['cadre', 'townAdmin'],
    place: 'me',
  },
  ...(process.env.TARO_ENV === 'h5'
    ? [
        {
          key: 'outbox',
          title: '服务通知（本地演示）',
          hint: '查看收到的订阅消息',
          url: '/report/pages/outbox/index',
          roles: [],
          place: 'me' as const,
        },
      ]
    : []),
];
