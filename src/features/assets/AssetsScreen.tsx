import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  CONTRACT_KIND_LABELS,
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  RECEIVABLE_STATE_LABELS,
  REGISTER_KINDS,
  REGISTER_KIND_LABELS,
  TERM_STATE_LABELS,
  type ContractView,
  type RegisterItem,
} from '@common/contracts/assets';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { saveExport } from '@/features/shared/download';
import { PaymentForm } from './PaymentForm';
import { askForReminders } from './reminders';
import { dateLabel, muLabel, yuanLabel } from './format';

function ItemCard({ i }: { i: RegisterItem }) {
  return (
    <View className="card asset-item" id={`item-${i.code}`}>
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

function ContractCard({ c, cadre, onPaid }: { c: ContractView; cadre: boolean; onPaid: () => void }) {
  const [paying, setPaying] = useState<string | null>(null);
  const received = c.receivables.filter((r) => r.state === 'received').reduce((n, r) => n + r.amountFen, 0);
  return (
    <View className="card asset-contract" id={`contract-${c.code}`}>
      <View className="card-row">
        <Text className="as-name">{c.itemName}</Text>
        <Text className={`badge${c.term === 'expiredOccupied' ? ' badge-overdue' : ''}`}>
          {TERM_STATE_LABELS[c.term]}
        </Text>
      </View>
      <Text className="as-line">
        {CONTRACT_KIND_LABELS[c.kind]} · 承租（承包）方：
        <Text className="as-counterparty">{c.counterparty}</Text>
      </Text>
      <Text className="as-line">
        {dateLabel(c.startOn)}至{dateLabel(c.endOn)} · 合同金额 {yuanLabel(c.amountFen)} · 已收{' '}
        {yuanLabel(received)}
      </Text>
      <Text className="as-line">
        {c.decisionTitle ? `依据决策：${c.decisionTitle}` : '金额未达须经决议的标准'}
      </Text>
      <View className="as-receivables">
        {c.receivables.map((r) => (
          <View
            key={r.id}
            className={`as-receivable state-${r.state}`}
            id={`receivable-${c.code}-${r.index}`}
          >
            <View className="card-row">
              <Text>
                第{r.index}期 · {dateLabel(r.dueOn)} · {yuanLabel(r.amountFen)}
              </Text>
              <Text
                className={`badge${r.state === 'overdue' ? ' badge-overdue' : r.state === 'received' ? ' badge-ontime' : ''}`}
              >
                {RECEIVABLE_STATE_LABELS[r.state]}
              </Text>
            </View>
            {r.receivedOn ? (
              <Text className="as-hint">{dateLabel(r.receivedOn)}收到，已列入财务公开</Text>
            ) : null}
            {r.waiver ? <Text className="as-hint">减免原因：{r.waiver.reason}</Text> : null}
            {cadre && (r.state === 'due' || r.state === 'overdue') ? (
              paying === r.id ? (
                <PaymentForm receivable={r} onDone={onPaid} />
              ) : (
                <Text className="link tap" id={`pay-${c.code}-${r.index}`} onClick={() => setPaying(r.id)}>
                  登记收款
                </Text>
              )
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}

type Tab = 'register' | 'contracts';

/** 三资 of a village as its villagers see it: the register, the contracts, what is due and received. */
export function AssetsScreen({ binding, villageId }: { binding: Binding | null; villageId?: string }) {
  const [tab, setTab] = useState<Tab>('register');
  const register = useRequest(() => call('assets', 'register', { villageId }), [villageId], {
    cache: `assets-register:${villageId ?? ''}`,
  });
  const contracts = useRequest(() => call('assets', 'contracts', { villageId }), [villageId], {
    cache: `assets-contracts:${villageId ?? ''}`,
  });
  useReloadOnShow(() => {
    register.reload();
    contracts.reload();
  });
  const cadre = !!binding?.roles.includes('cadre') && (!villageId || villageId === binding.villageId);
  return (
    <View id="assets-screen">
      <Chips
        idPrefix="assets-tab"
        options={[
          { value: 'register' as const, label: '登记簿（资金、资产、资源）' },
          { value: 'contracts' as const, label: '合同与收款' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'register' ? (
        <RequestView state={register}>
          {(r) => (
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
              <Text className="as-hint">
                {r.villageName} · 截至{dateLabel(r.asOf)}
              </Text>
              <Text
                className="link tap"
                id="items-export"
                onClick={async () => saveExport(await call('assets', 'exportRegister', { villageId }))}
              >
                导出 Excel
              </Text>
              {r.items.length === 0 ? <EmptyState title="还没有登记的三资" /> : null}
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
      ) : (
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
                <ContractCard key={c.id} c={c} cadre={cadre} onPaid={contracts.reload} />
              ))}
            </View>
          )}
        </RequestView>
      )}
    </View>
  );
}
