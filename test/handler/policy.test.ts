/**
 * Who may do what to which village, per context: one table each, one row per action, read
 * through the shared harness (./policy-table.ts). A change in who may call an action shows
 * here as a changed row: review it as a change of policy.
 */
import type { FunctionName } from '../../cloudfunctions/common/contracts';
import { functions } from '../../cloudfunctions/registry';
import { observedRow, row, type Row } from './policy-table';

// A fresh copy of the demo town per persona and action: seconds per context on a busy machine.
jest.setTimeout(120_000);

const TABLES: { [F in FunctionName]: Record<keyof (typeof functions)[F], Row> } = {
  account: {
    me: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer+ otherTown+',
    ),
    home: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer+ otherTown:V',
    ),
    villages: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer+ otherTown+',
    ),
    createInvitation: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    redeemInvitation: row(
      'resident:ALREADY_BOUND representative:ALREADY_BOUND party:ALREADY_BOUND migrant:ALREADY_BOUND cadre:ALREADY_BOUND supervisor:ALREADY_BOUND cadreXihe:ALREADY_BOUND town:ALREADY_BOUND newcomer+ otherTown:ALREADY_BOUND',
    ),
    importRoster: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    claimRoster: row(
      'resident:ALREADY_BOUND representative:ALREADY_BOUND party:ALREADY_BOUND migrant:ALREADY_BOUND cadre:ALREADY_BOUND supervisor:ALREADY_BOUND cadreXihe:ALREADY_BOUND town:ALREADY_BOUND newcomer+ otherTown:ALREADY_BOUND',
    ),
    listClaims: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    reviewClaim: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    listMembers: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    myRelatives: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    declareRelatives: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe+ town:R newcomer:B otherTown:R',
    ),
  },
  disclosure: {
    publish: row(
      'resident:R representative:R party:R migrant:R cadre:V supervisor:R cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    correct: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    list: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    get: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    home: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    status: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    townStatus: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    recountHomes: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    payoutPreview: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    payoutPublish: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    payoutCorrect: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    payoutLists: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    payoutList: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    payoutMine: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    payoutFlags: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    payoutTown: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
  },
  survey: {
    indicators: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer+ otherTown+',
    ),
    current: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town:F newcomer:B otherTown:F',
    ),
    vote: row(
      'resident:BALLOT_INVALID representative+ party:BALLOT_INVALID migrant:BALLOT_INVALID cadre:NOT_ELIGIBLE supervisor:BALLOT_INVALID cadreXihe:V town:V newcomer:B otherTown:V',
    ),
    rounds: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    openRound: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    closeRound: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    results: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    recount: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    paperRoster: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    paperBallot: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    compare: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    trend: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
  },
  report: {
    publishNotice: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    correctNotice: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    unpinNotice: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    withdrawNotice: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    listNotices: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    getNotice: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    draftReport: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    listReports: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    getReport: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    publishReport: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    townReports: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    subscribe: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown+',
    ),
    mySubscriptions: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown+',
    ),
    deliveryStatus: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    resumeDelivery: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town+ newcomer:B otherTown:V',
    ),
  },
  assessment: {
    standard: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown+',
    ),
    saveStandard: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:NO_SCHEME',
    ),
    saveScheme: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    sheet: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    saveSelf: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    submit: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    review: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    confirm: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    reopen: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    requestReopen: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    answerReopen: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    comment: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    history: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    export: row(
      'resident:R representative:R party:R migrant:R cadre:V supervisor:V cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    dashboard: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:NO_STANDARD',
    ),
    demonstration: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:NO_STANDARD',
    ),
    recount: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:NO_STANDARD',
    ),
    ledger: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:NO_STANDARD',
    ),
    saveLedger: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
  },
  oversight: {
    raise: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    mine: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    get: row(
      'resident+ representative:NOT_REPORTER party:NOT_REPORTER migrant:NOT_REPORTER cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    inbox: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    accept: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    refer: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    answer: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    verify: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    rate: row(
      'resident+ representative:NOT_REPORTER party:NOT_REPORTER migrant:NOT_REPORTER cadre:NOT_REPORTER supervisor:NOT_REPORTER cadreXihe:V town:V newcomer:B otherTown:V',
    ),
    object: row(
      'resident:NOT_REPORTER representative:NOT_REPORTER party:NOT_REPORTER migrant+ cadre:NOT_REPORTER supervisor:NOT_REPORTER cadreXihe:V town:V newcomer:B otherTown:V',
    ),
    instruct: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    takeOver: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    close: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    aboutDisclosure: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    townView: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    deadlines: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown+',
    ),
    setDeadlines: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    logMonth: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe+ town:F newcomer:B otherTown:F',
    ),
    logAdd: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    fixUpdate: row(
      'resident:R representative:R party:R migrant:R cadre:FIX_WRONG_STATE supervisor+ cadreXihe:V town:R newcomer:B otherTown:V',
    ),
    logExport: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe+ town:F newcomer:B otherTown:F',
    ),
  },
  decisions: {
    items: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    item: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown:V',
    ),
    createItem: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    reviseItem: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown:V',
    ),
    propose: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    recordMeeting: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    confirmStep: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    publishResolution: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    publishResult: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    decisions: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    decision: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    recordRegular: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    regular: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    townView: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
  },
  assets: {
    register: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    exportRegister: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    item: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    registerItem: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    importItems: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    recordChange: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    contracts: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    createContract: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    recordVacated: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    recordPayment: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    waive: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    recordStocktake: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor+ cadreXihe:R town:R newcomer:B otherTown:R',
    ),
    stocktakes: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    subscribeReminders: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe+ town:R newcomer:B otherTown:R',
    ),
    setThreshold: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    townView: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    recordBalance: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor:R cadreXihe:V town:R newcomer:B otherTown:R',
    ),
    reconciliation: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
  },
  record: {
    head: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    entries: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    exportChain: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe:V town+ newcomer:B otherTown:V',
    ),
    townHead: row(
      'resident+ representative+ party+ migrant+ cadre+ supervisor+ cadreXihe+ town+ newcomer:B otherTown+',
    ),
    exportTown: row(
      'resident:R representative:R party:R migrant:R cadre:R supervisor:R cadreXihe:R town+ newcomer:B otherTown+',
    ),
    poster: row(
      'resident:R representative:R party:R migrant:R cadre+ supervisor+ cadreXihe+ town:F newcomer:B otherTown:F',
    ),
  },
};

describe.each(Object.keys(TABLES) as FunctionName[])('%s', (fn) => {
  test('its table has a row for every action of the function', () => {
    expect(Object.keys(TABLES[fn]).sort()).toEqual(Object.keys(functions[fn]).sort());
  });

  test.each(Object.keys(TABLES[fn]))('%s: each persona gets what the table says', async (action) => {
    expect(await observedRow(fn, action)).toBe((TABLES[fn] as Record<string, Row>)[action]);
  });
});
