import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Binding } from '@common/contracts/account';
import type { RoundSummary } from '@common/contracts/survey';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { PaperTrace } from './PaperTrace';
import { pct, quarterChoices, periodLabel, RESULTS_URL } from './format';

async function confirm(content: string): Promise<boolean> {
  const r = await Taro.showModal({ title: '请确认', content });
  return r.confirm;
}

function say(content: string) {
  return Taro.showModal({ title: '提示', content, showCancel: false });
}

function RoundCard({ round, onChanged }: { round: RoundSummary; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      await say(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" id={`round-${round.periodKey}`}>
      <View className="card-row">
        <Text className="card-title">{round.periodLabel}</Text>
        <Text className={round.status === 'open' ? 'badge badge-ontime' : 'badge'}>
          {round.status === 'open' ? '进行中' : '已结束'}
        </Text>
      </View>
      <Text className="sv-stat-line">
        已参加 {round.ballots} / {round.eligibleVoters} 人（{pct(round.participation)}）
      </Text>
      <PaperTrace paperBy={round.paperBy} />
      <View className="sv-actions">
        {round.status === 'open' ? (
          <Text
            className="sv-action primary"
            id="round-close"
            onClick={() =>
              run(async () => {
                if (
                  !(await confirm(`结束${round.periodLabel}测评后不能再投票，结果将向全村公布。确定结束吗？`))
                )
                  return;
                await call('survey', 'closeRound', { roundId: round.id });
                onChanged();
              })
            }
          >
            结束测评
          </Text>
        ) : (
          <Text className="sv-action primary" onClick={() => Taro.navigateTo({ url: RESULTS_URL(round.id) })}>
            查看结果
          </Text>
        )}
        <Text
          className="sv-action"
          id="round-recount"
          onClick={() =>
            run(async () => {
              const r = await call('survey', 'recount', { roundId: round.id });
              await say(r.statement);
              onChanged();
            })
          }
        >
          核对计票
        </Text>
      </View>
    </View>
  );
}

/** Cadres (own village) and town admins (a village of the town) open and close rounds. */
export function ManageView({ binding }: { binding: Binding }) {
  const town = binding.roles.includes('townAdmin');
  const villageList = useRequest(() => call('account', 'villages', {}), [], { enabled: town });
  const [villageId, setVillageId] = useState<string | undefined>(
    town ? undefined : (binding.villageId ?? undefined),
  );
  const rounds = useRequest(() => call('survey', 'rounds', { villageId }), [villageId], {
    enabled: !!villageId,
  });
  useReloadOnShow(rounds.reload);
  const choices = quarterChoices(new Date());
  const [period, setPeriod] = useState(choices[1]);
  const [opening, setOpening] = useState(false);

  return (
    <View>
      {town ? (
        <View className="card">
          <Text className="section-title">选择村</Text>
          <Chips
            idPrefix="village"
            options={(villageList.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={setVillageId}
          />
        </View>
      ) : null}
      {villageId ? (
        <RequestView state={rounds}>
          {(r) => (
            <View>
              {r.rounds.some((x) => x.status === 'open') ? null : (
                <View className="card" id="round-open-form">
                  <Text className="section-title">开启{r.villageName}新一轮测评</Text>
                  <Chips
                    idPrefix="period"
                    options={choices.map((c) => ({ value: c, label: periodLabel(c) }))}
                    value={period}
                    onChange={setPeriod}
                  />
                  <Text className="sv-hint">开启时按本村已绑定的村民和村民名册确定参评名单。</Text>
                  <View
                    id="round-open"
                    className={`sv-big-button${opening ? ' disabled' : ''}`}
                    onClick={async () => {
                      if (opening) return;
                      setOpening(true);
                      try {
                        await call('survey', 'openRound', { villageId, periodKey: period });
                        rounds.reload();
                      } catch (e) {
                        await say(toApiError(e).message);
                      } finally {
                        setOpening(false);
                      }
                    }}
                  >
                    开启测评
                  </View>
                </View>
              )}
              {r.rounds.map((x) => (
                <RoundCard key={x.id} round={x} onChanged={rounds.reload} />
              ))}
              {r.rounds.length === 0 ? <Text className="list-end">还没有测评</Text> : null}
            </View>
          )}
        </RequestView>
      ) : null}
    </View>
  );
}
