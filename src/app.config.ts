export default defineAppConfig({
  pages: ['pages/home/index', 'pages/disclosures/index', 'pages/me/index', 'pages/disclosure/index'],
  subPackages: [
    // Each context's pages for cadres, supervisors and town admins load on demand.
    // (one line per subpackage; keep this comment as the anchor)
    {
      root: 'assessment',
      pages: [
        'pages/sheet/index',
        'pages/dashboard/index',
        'pages/ledger/index',
        'pages/print/index',
        'pages/standard/index',
      ],
    },
    {
      root: 'survey',
      pages: [
        'pages/vote/index',
        'pages/results/index',
        'pages/manage/index',
        'pages/paper/index',
        'pages/compare/index',
        'pages/trend/index',
      ],
    },
    {
      root: 'report',
      pages: [
        'pages/index/index',
        'pages/view/index',
        'pages/print/index',
        'pages/notices/index',
        'pages/notice/index',
        'pages/notice-new/index',
        'pages/outbox/index',
      ],
    },
    {
      root: 'oversight',
      pages: [
        'pages/raise/index',
        'pages/mine/index',
        'pages/item/index',
        'pages/inbox/index',
        'pages/town/index',
        'pages/log/index',
      ],
    },
    {
      root: 'decisions',
      pages: [
        'pages/list/index',
        'pages/item/index',
        'pages/item-edit/index',
        'pages/decisions/index',
        'pages/decision/index',
        'pages/propose/index',
        'pages/meetings/index',
        'pages/town/index',
      ],
    },
    {
      root: 'village-assets',
      pages: [
        'pages/index/index',
        'pages/item-new/index',
        'pages/contract-new/index',
        'pages/import/index',
        'pages/stocktake/index',
        'pages/town/index',
        'pages/item/index',
      ],
    },
    { root: 'cadre', pages: ['publish/index', 'correct/index', 'members/index', 'status/index'] },
    { root: 'town', pages: ['overview/index'] },
    { root: 'record', pages: ['pages/verify/index', 'pages/poster/index'] },
    {
      root: 'payouts',
      pages: [
        'pages/index/index',
        'pages/list/index',
        'pages/mine/index',
        'pages/edit/index',
        'pages/flags/index',
        'pages/relatives/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '清廉村居',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '本村',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/disclosures/index',
        text: '三务公开',
        iconPath: 'assets/tab/list.png',
        selectedIconPath: 'assets/tab/list-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
