import { chinaDateKey, chinaDayStart, fixedClock } from '../common/clock';
import type { Clock } from '../common/clock';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { decisionsActions } from '../decisions';
import { addDays } from '../decisions/domain/steps';
import { addMonths, quarterOfMonth } from '../decisions/domain/meetings';

/**
 * The decisions part of the demo town, through the real actions: the town's base catalogue of
 * the 小微权力清单 (30+ items in every category, flows of 3–8 steps), its 负面清单 and 监督重点,
 * 东岭村's own +X items, decisions in every state (one whose 村民代表会议 lacked a quorum) and
 * meetings of record with gaps. Every date is counted back from `now`, the demo's today.
 */

type S = [actor: string, action: string, timeLimit?: string, publicity?: string];
type Item = [name: string, category: string, basis: string, keywords: string[], steps: S[]];

const FOUR: S[] = [
  ['村党组织', '提出事项初步方案（党组织提议）', '', ''],
  ['村“两委”', '召开联席会议商议，形成方案', '', ''],
  ['党员大会', '审议方案', '', '审议情况记录在案'],
  ['村民代表会议', '表决形成决议（应到三分之二以上，过半数同意）', '', ''],
  ['村委会', '公开决议内容和表决情况', '决议后 7 日内', '决议公开'],
  ['村委会、村监委', '组织实施并公开实施结果', '实施完成后', '实施结果公开'],
];
const SERVICE = (what: string, approver: string, limit = '20个工作日'): S[] => [
  ['申请人', `向村委会提交${what}书面申请及材料`, '随时', ''],
  ['村委会', '受理并入户调查核实', '5个工作日', ''],
  ['村民代表', '民主评议', '', '评议结果'],
  ['村委会', '在村务公开栏公示', '7天', '申请对象和评议结果'],
  [approver, '审核审批', limit, ''],
  ['村委会', '公开审批结果', '结果下达后 3 日内', '审批结果'],
];

const BASE: Item[] = [
  ['村级重大事项决策', 'major', '《村民委员会组织法》第二十四条', ['四议两公开', '票决'], FOUR],
  ['村级年度财务预决算', 'major', '《村民委员会组织法》第二十四条', ['预算', '决算'], FOUR],
  ['集体土地承包、流转', 'major', '《农村土地承包法》', ['土地流转', '承包'], FOUR],
  ['村集体经济项目立项', 'major', '《村民委员会组织法》第二十四条', ['立项'], FOUR],
  [
    '村规民约制定和修订',
    'major',
    '《村民委员会组织法》第二十七条',
    ['村规民约'],
    [
      ['村“两委”', '提出草案', '', ''],
      ['村民', '征求意见', '15天', '草案'],
      ['村民会议', '讨论通过', '', ''],
      ['村委会', '报镇备案并公布', '10日内', '村规民约全文'],
    ],
  ],
  [
    '村级工程项目招投标',
    'project',
    '《招标投标法》及镇村级工程管理办法',
    ['招标', '工程'],
    [
      ['村委会', '按“四议两公开”确定项目', '', '项目决议'],
      ['镇招投标中心', '发布招标公告', '', '招标公告'],
      ['评标小组', '开标评标', '', ''],
      ['村委会', '公示中标结果', '3天', '中标结果'],
      ['村委会', '签订施工合同', '', ''],
    ],
  ],
  [
    '村级工程项目实施与验收',
    'project',
    '镇村级工程管理办法',
    ['验收', '施工'],
    [
      ['村委会', '组织施工，村监委全程监督', '', ''],
      ['村监委', '隐蔽工程和关键节点现场见证', '', ''],
      ['镇农业农村办', '组织竣工验收', '', ''],
      ['村委会', '公开验收结果和工程决算', '验收后 7 日内', '验收结果、决算'],
    ],
  ],
  [
    '小型工程项目发包',
    'project',
    '镇村级小型工程管理规定',
    ['小型工程'],
    [
      ['村委会', '提出项目和预算', '', ''],
      ['村“两委”', '集体研究', '', ''],
      ['村委会', '比选确定施工方', '', '比选结果'],
      ['村监委', '监督实施并参与验收', '', ''],
    ],
  ],
  [
    '一事一议筹资筹劳',
    'project',
    '《村民一事一议筹资筹劳管理办法》',
    ['一事一议', '筹资'],
    [
      ['村委会', '提出筹资筹劳方案', '', ''],
      ['村民会议或村民代表会议', '表决通过', '', ''],
      ['镇政府', '审核', '10个工作日', ''],
      ['村委会', '公开筹资筹劳情况', '', '筹资明细'],
      ['村委会', '公开资金使用和项目结果', '', '使用结果'],
    ],
  ],
  [
    '上级补助项目申报',
    'project',
    '各级财政补助项目管理办法',
    ['项目申报', '补助'],
    [
      ['村“两委”', '研究确定申报项目', '', ''],
      ['村民代表会议', '审议', '', ''],
      ['村委会', '编制材料报镇审核', '', ''],
      ['村委会', '公开项目批复和实施情况', '', '项目批复'],
    ],
  ],
  [
    '村级财务支出审批',
    'funds',
    '《村集体经济组织财务制度》',
    ['报销', '支出', '审批'],
    [
      ['经办人', '取得合法票据，注明用途', '', ''],
      ['村监委', '审核签字', '3日内', ''],
      ['村委会主任', '审批', '', ''],
      ['镇农村三资代理服务中心', '审核记账', '每月', ''],
      ['村委会', '按月公开收支', '次月 10 日前', '财务收支'],
    ],
  ],
  [
    '大额资金支出',
    'funds',
    '镇村级大额资金管理规定',
    ['大额', '资金'],
    [
      ['村委会', '提出支出事项和金额', '', ''],
      ['村“两委”', '联席会议商议', '', ''],
      ['党员大会', '审议', '', ''],
      ['村民代表会议', '表决', '', '表决结果'],
      ['镇政府', '备案审核', '', ''],
      ['村委会', '公开支出和用途', '', '支出明细'],
    ],
  ],
  [
    '误工补贴发放',
    'funds',
    '镇村干部误工补贴管理办法',
    ['误工', '补贴'],
    [
      ['村委会', '按标准编制发放表', '每月', ''],
      ['村监委', '核对签字', '', ''],
      ['镇农村三资代理服务中心', '审核', '', ''],
      ['村委会', '公开发放情况', '', '发放名单和金额'],
    ],
  ],
  [
    '惠农补贴发放',
    'funds',
    '各级惠农补贴政策',
    ['补贴', '惠农', '种粮'],
    [
      ['村委会', '核实面积和对象', '', ''],
      ['村委会', '张榜公示', '7天', '补贴对象和金额'],
      ['镇政府', '审核', '', ''],
      ['财政部门', '一卡通发放到户', '', '发放结果'],
    ],
  ],
  [
    '村级招待和办公费用',
    'funds',
    '《村集体经济组织财务制度》',
    ['招待', '办公费'],
    [
      ['经办人', '事前报告', '', ''],
      ['村委会主任', '审批', '', ''],
      ['村监委', '审核', '', ''],
      ['村委会', '按月公开', '', '费用明细'],
    ],
  ],
  ['集体资产出租、出借', 'assets', '《农村集体资产管理条例》', ['出租', '租赁', '厂房'], FOUR],
  [
    '集体资产处置',
    'assets',
    '《农村集体资产管理条例》',
    ['处置', '变卖'],
    [
      ['村委会', '提出处置方案', '', ''],
      ['资产评估机构', '评估', '', ''],
      ['村民代表会议', '表决', '', '表决结果'],
      ['镇政府', '审批', '', ''],
      ['镇公共资源交易平台', '公开交易', '', '交易结果'],
      ['村委会', '公开处置结果', '', '处置结果'],
    ],
  ],
  [
    '集体资源发包',
    'assets',
    '《农村土地承包法》',
    ['发包', '鱼塘', '山林'],
    [
      ['村委会', '拟定发包方案', '', ''],
      ['村民代表会议', '表决', '', ''],
      ['镇公共资源交易平台', '公开竞价', '', '竞价公告'],
      ['村委会', '签订合同并公开', '', '合同主要内容'],
    ],
  ],
  [
    '集体资产清产核资',
    'assets',
    '农村集体资产清产核资办法',
    ['清产核资', '盘点'],
    [
      ['村委会', '成立清查小组', '', ''],
      ['清查小组', '逐项清查登记', '', ''],
      ['村民代表会议', '确认清查结果', '', ''],
      ['村委会', '公示清查结果', '7天', '清查结果'],
    ],
  ],
  [
    '集体经济合同管理',
    'assets',
    '镇农村集体经济合同管理办法',
    ['合同'],
    [
      ['村委会', '起草合同', '', ''],
      ['镇农村三资代理服务中心', '审核合同', '', ''],
      ['村委会', '签订合同', '', ''],
      ['村委会', '合同备案并公开', '', '合同主要内容'],
    ],
  ],
  [
    '最低生活保障（低保）申请',
    'services',
    '《社会救助暂行办法》',
    ['低保', '救助', '生活困难'],
    SERVICE('低保', '镇政府（民政办）'),
  ],
  [
    '特困人员供养申请',
    'services',
    '《社会救助暂行办法》',
    ['特困', '五保'],
    SERVICE('特困供养', '镇政府（民政办）'),
  ],
  [
    '临时救助申请',
    'services',
    '《社会救助暂行办法》',
    ['临时救助', '急难'],
    [
      ['申请人', '向村委会或镇政府提出申请', '随时', ''],
      ['村委会', '核实情况', '3个工作日', ''],
      ['镇政府', '审批并发放', '', ''],
    ],
  ],
  [
    '农村宅基地申请',
    'services',
    '《土地管理法》第六十二条',
    ['宅基地', '建房'],
    [
      ['申请人', '向村集体经济组织提出书面申请', '随时', ''],
      ['村民小组', '讨论并公示', '5个工作日', '申请人和用地情况'],
      ['村委会', '审查并签署意见', '', ''],
      ['镇政府', '联审联办并审批', '20个工作日', ''],
      ['镇自然资源所', '现场放样定位', '', ''],
      ['镇政府', '竣工验收', '', ''],
      ['村委会', '公开审批结果', '', '审批结果'],
    ],
  ],
  [
    '残疾人两项补贴申请',
    'services',
    '残疾人两项补贴制度',
    ['残疾人', '护理补贴'],
    SERVICE('残疾人补贴', '县残联、民政局'),
  ],
  [
    '高龄津贴申请',
    'services',
    '县高龄津贴发放办法',
    ['高龄', '老人'],
    [
      ['申请人或家属', '提交户口本和身份证', '', ''],
      ['村委会', '核对并上报', '5个工作日', ''],
      ['镇政府', '审核', '', ''],
      ['村委会', '公示发放名单', '', '发放名单'],
    ],
  ],
  [
    '计划生育奖励扶助',
    'services',
    '农村部分计划生育家庭奖励扶助制度',
    ['奖励扶助'],
    SERVICE('奖励扶助', '县卫健局'),
  ],
  [
    '困难群众危房改造',
    'services',
    '农村危房改造政策',
    ['危房', '改造'],
    SERVICE('危房改造', '县住建局', '30个工作日'),
  ],
  [
    '村级印章使用',
    'daily',
    '镇村级印章管理办法',
    ['公章', '盖章', '印章'],
    [
      ['用章人', '填写用章登记表', '', ''],
      ['村党组织书记', '审批', '', ''],
      ['印章保管人', '核对后用印', '', ''],
      ['村监委', '每月检查用章登记', '每月', '用章情况'],
    ],
  ],
  [
    '村级证明出具',
    'daily',
    '镇村级证明事项清单',
    ['证明', '开证明'],
    [
      ['申请人', '提出需开具的证明事项', '', ''],
      ['村委会', '核实情况', '1个工作日', ''],
      ['村委会', '出具证明并登记', '', ''],
    ],
  ],
  [
    '村务监督',
    'daily',
    '《村民委员会组织法》第三十二条',
    ['村监委', '监督'],
    [
      ['村监委', '列席村“两委”会议', '每月', ''],
      ['村监委', '审核财务票据', '每月', ''],
      ['村监委', '受理村民反映的问题', '随时', ''],
      ['村监委', '向村民代表会议报告监督情况', '每季度', '监督报告'],
    ],
  ],
  [
    '村级档案管理',
    'daily',
    '村级档案管理办法',
    ['档案'],
    [
      ['村委会', '收集整理会议记录、合同、票据', '', ''],
      ['档案管理员', '分类归档', '每年', ''],
      ['村民', '依申请查阅', '随时', ''],
    ],
  ],
  [
    '党员发展',
    'daily',
    '《中国共产党发展党员工作细则》',
    ['入党', '党员发展'],
    [
      ['入党申请人', '递交入党申请书', '', ''],
      ['党支部', '确定入党积极分子并培养', '一年以上', ''],
      ['党支部', '确定发展对象并公示', '5个工作日', '发展对象'],
      ['党员大会', '讨论接收预备党员', '', ''],
      ['镇党委', '审批', '3个月内', ''],
    ],
  ],
];

const NEGATIVE: [string, string, string][] = [
  ['不得擅自处置集体资产', 'assets', '未经村民代表会议表决，不得出租、出借、变卖集体资产'],
  ['不得坐收坐支集体资金', 'funds', '村集体收入全部纳入代理账户，不得坐收坐支、公款私存'],
  ['不得优亲厚友', 'services', '低保、救助、补贴评定中不得优亲厚友、弄虚作假'],
  ['不得拆分工程规避招标', 'project', '不得将工程项目化整为零规避招投标'],
  ['不得违规使用村级印章', 'daily', '不得在空白纸张、合同上加盖印章'],
];
const KEY_POINTS: [string, string, string][] = [
  ['重大事项是否履行“四议两公开”', 'major', '查看会议记录、表决票和公开记录'],
  ['财务收支是否按月公开', 'funds', '对照三务公开记录和代理账户'],
  ['集体资产资源是否公开交易', 'assets', '查看交易公告和合同'],
  ['惠民政策落实是否公平', 'services', '抽查低保、救助对象'],
];

const OWN: Item[] = [
  [
    '村集体鱼塘对外承包',
    'assets',
    '东岭村村规民约第十二条',
    ['鱼塘', '承包'],
    [
      ['村委会', '拟定发包方案和底价', '', ''],
      ['村民代表会议', '表决', '', '表决结果'],
      ['村委会', '公开竞价', '', '竞价公告'],
      ['村委会', '签订合同并公开', '', '合同主要内容'],
    ],
  ],
  [
    '村文化礼堂使用',
    'daily',
    '东岭村文化礼堂管理办法',
    ['礼堂', '办酒'],
    [
      ['使用人', '向村委会登记', '提前3天', ''],
      ['村委会', '安排场地', '', ''],
      ['使用人', '使用后清扫归还', '', ''],
    ],
  ],
];

/** 应到, 实到, 同意, 反对, 弃权. */
type Tally = [number, number, number, number, number];
/** A meeting of a decision: its step, when (days ago), its numbers, when confirmed, its outcome. */
type Held = [step: string, daysAgo: number, tally: Tally, confirmedAgo?: number, outcome?: string];

const steps = (ss: S[]) =>
  ss.map(([actor, action, timeLimit = '', publicity = '']) => ({ actor, action, timeLimit, publicity }));

export async function seedDecisionsDemo(store: Store, now: string): Promise<void> {
  const clock = fixedClock(now);
  const env = { store, clock: clock as Clock, ids: sequentialIds('dseed') };
  const handle = createRouter(decisionsActions);
  const today = chinaDateKey(now);
  /** The instant 10:00 China time `days` before today. */
  const at = (days: number) =>
    new Date(chinaDayStart(addDays(today, -days)).getTime() + 10 * 3600_000).toISOString();
  const day = (days: number) => addDays(today, -days);
  let n = 0;
  const rid = () => `seed-dec-${String(++n).padStart(4, '0')}`;
  const run = async <T = { id: string }>(
    who: string,
    action: string,
    input: Record<string, unknown>,
    daysAgo = 0,
  ) => {
    clock.set(at(daysAgo));
    const reply = await handle({ action, input }, who, env);
    if (!reply.ok) throw new Error(`seed decisions ${action} failed: ${reply.code} ${reply.message}`);
    return reply.data as T;
  };

  /** Who writes a catalogue entry: the town its base lists, 东岭村's cadre its own +X items. */
  const town = { who: 'dev-town', scope: { scope: 'town' }, daysAgo: 400 };
  const dongling = { who: 'dev-cadre', scope: { scope: 'village', villageId: 'v-dongling' }, daysAgo: 200 };
  const createItem = (by: typeof town, list: string, [name, category, basis, keywords, ss]: Partial<Item>) =>
    run(
      by.who,
      'createItem',
      {
        requestId: rid(),
        ...by.scope,
        list,
        name,
        category,
        basis,
        ...(keywords && ss ? { keywords, steps: steps(ss) } : {}),
      },
      by.daysAgo,
    );
  for (const item of BASE) await createItem(town, 'power', item);
  for (const item of NEGATIVE) await createItem(town, 'negative', item);
  for (const item of KEY_POINTS) await createItem(town, 'keyPoints', item);
  for (const item of OWN) await createItem(dongling, 'power', item);
  // One adjustment (动态调整) with its reason, so an item shows two versions.
  const items = await run<{ items: { id: string; name: string }[] }>('dev-town', 'items', {
    villageId: 'v-dongling',
    query: '低保',
  });
  const dibao = items.items.find((i) => i.name.includes('低保'));
  if (dibao) {
    const [name, category, basis, keywords, ss] = BASE.find((b) => b[0] === dibao.name)!;
    await run(
      'dev-town',
      'reviseItem',
      {
        requestId: rid(),
        itemId: dibao.id,
        baseVersion: 1,
        reason: '按县民政局新规，镇审核时限由 30 个工作日缩短为 20 个工作日',
        list: 'power',
        name,
        category,
        basis,
        keywords,
        steps: steps(ss),
      },
      90,
    );
  }

  const photo = [{ fileId: '/static/demo/receipt.svg', name: '会议记录（示例）', kind: 'image' }];
  const cadre = (v: string) => (v === 'v-dongling' ? 'dev-cadre' : 'dev-cadre-xihe');
  const propose = (
    villageId: string,
    title: string,
    category: string,
    summary: string,
    daysAgo: number,
    extra: Record<string, unknown> = {},
  ) =>
    run(
      cadre(villageId),
      'propose',
      {
        requestId: rid(),
        villageId,
        title,
        category,
        summary,
        proposer: `${villageId === 'v-dongling' ? '东岭' : '西河'}村党支部`,
        proposedOn: day(daysAgo),
        resolutionBody: 'representatives',
        ...extra,
      },
      daysAgo,
    );
  const meet = (
    villageId: string,
    decisionId: string,
    step: string,
    daysAgo: number,
    t: Tally,
    outcome = 'passed',
  ) =>
    run(
      cadre(villageId),
      'recordMeeting',
      {
        requestId: rid(),
        decisionId,
        step,
        heldOn: day(daysAgo),
        entitled: t[0],
        present: t[1],
        votesFor: t[2],
        votesAgainst: t[3],
        abstentions: t[4],
        outcome,
        minutes: photo,
      },
      daysAgo,
    );
  /** Meetings held in order, each confirmed by the 村监委 on `confirmedAgo` when given. */
  const hold = async (villageId: string, decisionId: string, meetings: Held[]) => {
    for (const [step, daysAgo, tally, confirmedAgo, outcome] of meetings) {
      await meet(villageId, decisionId, step, daysAgo, tally, outcome);
      if (confirmedAgo !== undefined)
        await run(
          'dev-supervisor',
          'confirmStep',
          { decisionId, step, attempt: 1, note: '程序合规，签字齐全' },
          confirmedAgo,
        );
    }
  };

  // Completed: every step, both publications.
  const road = await propose(
    'v-dongling',
    '村内主干道硬化工程',
    'project',
    '硬化村内主干道 1.2 公里，预算 36 万元，资金来源为上级补助和村集体自筹。',
    20,
  );
  await hold('v-dongling', road.id, [
    ['committee', 19, [7, 7, 7, 0, 0], 19],
    ['partyCongress', 17, [38, 33, 31, 1, 1], 17],
    ['resolution', 15, [31, 27, 25, 1, 1], 15],
  ]);
  await run(
    'dev-cadre',
    'publishResolution',
    { decisionId: road.id, body: '如有异议，请于公开之日起 7 日内向村务监督委员会反映。' },
    14,
  );
  await run(
    'dev-cadre',
    'publishResult',
    {
      decisionId: road.id,
      completedOn: day(2),
      body: '工程已完工并通过镇农业农村办验收，决算 35.2 万元，较预算节约 0.8 万元。',
    },
    2,
  );

  // Resolved and published; results due later.
  const pond = await propose(
    'v-dongling',
    '村集体鱼塘对外承包',
    'lease',
    '村集体 30 亩鱼塘公开竞价承包，期限 5 年，年承包费底价 1.5 万元。',
    18,
    { plannedCompletion: addDays(today, 30) },
  );
  await hold('v-dongling', pond.id, [
    ['committee', 17, [7, 6, 6, 0, 0], 17],
    ['partyCongress', 16, [38, 30, 27, 2, 1], 16],
    ['resolution', 12, [31, 25, 22, 2, 1], 11],
  ]);
  await run('dev-cadre', 'publishResolution', { decisionId: pond.id }, 10);

  // The 村民代表会议 lacked a quorum (18 of 31): to be held again.
  const budget = await propose(
    'v-dongling',
    `${Number(today.slice(0, 4)) + 1}年度村级财务预算`,
    'budget',
    '收入预算 86 万元，支出预算 79 万元，其中公益事业支出 32 万元。',
    10,
  );
  await hold('v-dongling', budget.id, [
    ['committee', 9, [7, 7, 6, 0, 1], 9],
    ['partyCongress', 7, [38, 29, 26, 2, 1]],
    ['resolution', 3, [31, 18, 17, 0, 1], undefined, 'noQuorum'],
  ]);

  // Voted down at the 党员大会 (19 of 38 entitled is not more than half).
  const car = await propose(
    'v-dongling',
    '购置村委会办公用车',
    'largeExpense',
    '拟购置办公用车一辆，预算 15 万元。',
    25,
  );
  await hold('v-dongling', car.id, [
    ['committee', 24, [7, 6, 4, 2, 0], 24],
    ['partyCongress', 22, [38, 32, 19, 10, 3], undefined, 'rejected'],
  ]);

  // 西河村: resolved 12 days ago, neither confirmed nor published: overdue for the town view.
  const hall = await propose(
    'v-xihe',
    '村部办公楼修缮工程',
    'project',
    '修缮村部办公楼屋面和外墙，预算 12 万元。',
    16,
  );
  await hold('v-xihe', hall.id, [
    ['committee', 15, [7, 7, 7, 0, 0]],
    ['partyCongress', 14, [26, 22, 20, 1, 1]],
    ['resolution', 12, [27, 21, 19, 1, 1]],
  ]);

  // Meetings of record of 东岭村 for the last year: the 列席 of one month and one quarterly report missing.
  const regular = (kind: string, heldOn: string, entitled: number, present: number, topics: string) =>
    run(
      'dev-cadre',
      'recordRegular',
      { requestId: rid(), villageId: 'v-dongling', kind, heldOn, entitled, present, topics, minutes: photo },
      Math.round((Date.parse(today) - Date.parse(heldOn)) / 86_400_000),
    );
  const thisMonth = today.slice(0, 7);
  for (let i = 12; i >= 1; i--) {
    const month = addMonths(thisMonth, -i);
    if (i === 3) continue;
    await regular('attendance', `${month}-12`, 9, 8, '党员、村民代表列席村“两委”会议，听取本月村务工作安排');
    if (Number(month.slice(5)) % 3 === 0) {
      const q = quarterOfMonth(month);
      const quarter = `${q.slice(0, 4)}年第${q.slice(-1)}季度工作`;
      await regular('reportToParty', `${month}-25`, 38, 31, `村“两委”向党员大会报告${quarter}`);
      if (i > 2)
        await regular(
          'reportToRepresentatives',
          `${month}-25`,
          31,
          26,
          `村“两委”向村民代表会议报告${quarter}`,
        );
    }
  }
  clock.set(now);
}
