import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  REGISTER_KINDS,
  REGISTER_KIND_LABELS,
  type RegisterItem,
} from '@common/contracts/assets';
import { call } from '@/services/api';
import { DateField } from '@/features/shared/DateField';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { saveExport } from '@/features/shared/download';
import { ContractCard } from './ContractCard';
import { FundsView } from './FundsView';
import { askForReminders } from './reminders';
import { ITEM_URL, chinaToday, dateLabel, muLabel, yuanLabel } from './format';

function ItemCard({ i }: { i: RegisterItem }) {
  return (
    <View
      className="card asset-item tap"
      id={`item-${i.code}`}
      onClick={() => Taro.navigateTo({ url: ITEM_URL(i.id) })}
    >
      <View className="card-row">
        <Text className="as-name">{i.name}</Text>
        <Text className={`badge${i.status === 'disposed' ? ' badge-overdue' : ''}`}>
          {ITEM_STATUS_LABELS[i.status]}
        </Text>
      </View>
      <Text className="as-line">
        {ITEM_CATEGORY_LABELS[i.category]}
        {i.location ? ` · ${i.location}` : ''}
      </Text>
      <Text className="as-line">
        {i.kind === 'resources'
          ? `面积 ${muLabel(i.areaHundredths)}`
          : i.kind === 'funds'
            ? `余额 ${yuanLabel(i.valueFen)}`
            : `原值 ${yuanLabel(i.valueFen)}`}
        {` · 编号 ${i.code} · ${dateLabel(i.acquiredOn)}取得`}
      </Text>
    </View>
  );
}

/** The last day of last year and of last month, for a look at the register as it was then. */
function pastDays(today: string): { value: string; label: string }[] {
  const y = Number(today.slice(0, 4));
  const monthStart = new Date(`${today.slice(0, 7)}-01T12:00:00Z`);
  const lastMonthEnd = new Date(monthStart.getTime() - 86_400_000).toISOString().slice(0, 10);
  return [
    { value: today, label: '今天' },
    { value: lastMonthEnd, label: '上月末' },
    { value: `${y - 1}-12-31`, label: '上年末' },
  ];
}

/** Props of a tab: `shown` counts the page's returns (back from a form), each one reloads it. */
interface TabProps {
  villageId?: string;
  cadre: boolean;
  shown: number;
}

/** Reloads when the page shows again; the tabs mount later than the page, so the page counts. */
function useReloadWhen(shown: number, reload: () => void): void {
  const mountedAt = useRef(shown);
  useEffect(() => {
    if (shown !== mountedAt.current) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
}

function RegisterView({ villageId, cadre, shown }: TabProps) {
  const today = chinaToday();
  const [asOf, setAsOf] = useState(today);
  const past = asOf < today;
  const register = useRequest(
    () => call('assets', 'register', { villageId, ...(past ? { asOf } : {}) }),
    [villageId, asOf],
    { cache: past ? undefined : `assets-register:${villageId ?? ''}` },
  );
  useReloadWhen(shown, register.reload);
  return (
    <View id="asset-register">
      {cadre ? (
        <Button
          id="item-new"
          type="primary"
          block
          onClick={() => Taro.navigateTo({ url: '/village-assets/pages/item-new/index' })}
        >
          登记资产资源
        </Button>
      ) : null}
      {cadre ? (
        <Text
          className="link tap"
          id="items-import"
          onClick={() => Taro.navigateTo({ url: '/village-assets/pages/import/index' })}
        >
          从表格粘贴导入
        </Text>
      ) : null}
      <View className="as-asof" id="register-asof">
        <Text className="as-hint">查看登记簿在某一天的样子：</Text>
        <Chips idPrefix="asof" options={pastDays(today)} value={asOf} onChange={setAsOf} />
        <DateField
          id="register-asof-date"
          value={asOf}
          onChange={(d) => setAsOf(d > today ? today : d)}
          title="查看哪一天的登记簿"
          startYear={2000}
          endYear={Number(today.slice(0, 4))}
        />
      </View>
      <RequestView state={register}>
        {(r) => (
          <View>
            <Text className="as-hint" id="register-asof-label">
              {r.villageName} · {past ? `${dateLabel(r.asOf)}当天的登记簿` : `截至${dateLabel(r.asOf)}`}
            </Text>
            <Text
              className="link tap"
              id="items-export"
              onClick={async () =>
                saveExport(await call('assets', 'exportRegister', { villageId, ...(past ? { asOf } : {}) }))
              }
            >
              导出 Excel
            </Text>
            {r.items.length === 0 ? (
              <EmptyState title={past ? '这一天还没有登记的三资' : '还没有登记的三资'} />
            ) : null}
            {REGISTER_KINDS.map((k) => {
              const items = r.items.filter((i) => i.kind === k);
              return items.length ? (
                <View key={k} className="section">
                  <Text className="section-title">{REGISTER_KIND_LABELS[k]}</Text>
                  {items.map((i) => (
                    <ItemCard key={i.id} i={i} />
                  ))}
                </View>
              ) : null;
            })}
          </View>
        )}
      </RequestView>
    </View>
  );
}

function ContractsView({ villageId, cadre, shown }: TabProps) {
  const contracts = useRequest(() => call('assets', 'contracts', { villageId }), [villageId], {
    cache: `assets-contracts:${villageId ?? ''}`,
  });
  useReloadWhen(shown, contracts.reload);
  return (
    <RequestView state={contracts}>
      {(r) => (
        <View id="asset-contracts">
          {cadre ? (
            <Button
              id="contract-new"
              type="primary"
              block
              onClick={() => Taro.navigateTo({ url: '/village-assets/pages/contract-new/index' })}
            >
              登记合同
            </Button>
          ) : null}
          {cadre ? (
            <Text className="link tap" id="reminders-subscribe" onClick={() => void askForReminders()}>
              订阅收款和合同到期提醒
            </Text>
          ) : null}
          {r.contracts.length === 0 ? <EmptyState title="还没有合同" /> : null}
          {r.contracts.map((c) => (
            <ContractCard key={c.id} c={c} cadre={cadre} onChanged={contracts.reload} />
          ))}
        </View>
      )}
    </RequestView>
  );
}

type Tab = 'register' | 'contracts' | 'funds';

/** 三资 of a village as its villagers see it: the register, the contracts, what is due and received. */
export function AssetsScreen({ binding, villageId }: { binding: Binding | null; villageId?: string }) {
  const [tab, setTab] = useState<Tab>('register');
  const [shown, setShown] = useState(0);
  useReloadOnShow(() => setShown((n) => n + 1));
  const cadre = !!binding?.roles.includes('cadre') && (!villageId || villageId === binding.villageId);
  return (
    <View id="assets-screen">
      <Chips
        idPrefix="assets-tab"
        options={[
          { value: 'register' as const, label: '登记簿（资金、资产、资源）' },
          { value: 'contracts' as const, label: '合同与收款' },
          { value: 'funds' as const, label: '资金核对' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'register' ? <RegisterView villageId={villageId} cadre={cadre} shown={shown} /> : null}
      {tab === 'contracts' ? <ContractsView villageId={villageId} cadre={cadre} shown={shown} /> : null}
      {tab === 'funds' ? <FundsView villageId={villageId} cadre={cadre} /> : null}
    </View>
  );
}
