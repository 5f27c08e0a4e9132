import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { formatChinaDateTime } from '@common/clock';
import type { Binding } from '@common/contracts/account';
import type { RoundSummary } from '@common/contracts/survey';
import { call } from '@/services/api';
import { Chips, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { PaperTrace } from './PaperTrace';
import { pct, periodChoices, periodLabel, RESULTS_URL } from './format';

async function confirm(content: string): Promise<boolean> {
  const r = await Taro.showModal({ title: '请确认', content });
  return r.confirm;
}

function say(content: string) {
  return Taro.showModal({ title: '提示', content, showCancel: false });
}

function RoundCard({
  round,
  town,
  onChanged,
}: {
  round: RoundSummary;
  town: boolean;
  onChanged: () => void;
}) {
  const form = useFormSubmit();
  const run = (fn: () => Promise<void>) => form.run(fn, (err) => say(err.message));
  const badge =
    round.validity === 'open' || round.validity === 'preparing'
      ? 'badge badge-ontime'
      : round.validity === 'invalid'
        ? 'badge badge-overdue'
        : 'badge';
  return (
    <View className="card" id={`round-${round.periodKey}`}>
      <View className="card-row">
        <Text className="card-title">{round.periodLabel}</Text>
        <Text className={badge}>{round.validity === 'open' ? '进行中' : round.validityLabel}</Text>
      </View>
      <Text className="sv-stat-line">
        已参加 {round.ballots} / {round.eligibleVoters} 人（{pct(round.participation)}），参与率达到{' '}
        {pct(round.participationFloor)} 才有效
      </Text>
      {round.status === 'preparing' ? (
        <Text className="sv-hint" id="round-preparing">
          正在生成参评名单和答题位置，准备好后自动开始投票（一般几分钟内），测评天数从开始时算起。
        </Text>
      ) : null}
      {round.status === 'open' && round.closesAt ? (
        <Text className="sv-hint">{formatChinaDateTime(round.closesAt)} 自动结束</Text>
      ) : null}
      {round.closedAt ? (
        <Text className="sv-hint">
          {formatChinaDateTime(round.closedAt)} 结束{round.closedEarly ? '（镇纪委提前结束）' : ''}
        </Text>
      ) : null}
      <PaperTrace paperBy={round.paperBy} />
      <View className="sv-actions">
        {round.status === 'open' && town ? (
          <Text
            className="sv-action primary"
            id="round-close"
            onClick={() =>
              run(async () => {
                const low =
                  round.participation !== null && round.participation < round.participationFloor
                    ? `目前参与率 ${pct(round.participation)}，低于 ${pct(round.participationFloor)}，现在结束本轮将无效。`
                    : '';
                if (
                  !(await confirm(
                    `${low}结束${round.periodLabel}测评后不能再投票，结果将向全村公布。确定结束吗？`,
                  ))
                )
                  return;
                await call('survey', 'closeRound', { roundId: round.id });
                onChanged();
              })
            }
          >
            结束测评
          </Text>
        ) : null}
        {round.status === 'closed' ? (
          <Text className="sv-action primary" onClick={() => Taro.navigateTo({ url: RESULTS_URL(round.id) })}>
            查看结果
          </Text>
        ) : null}
        {round.status === 'preparing' ? (
          <Text className="sv-action" id="round-refresh" onClick={onChanged}>
            刷新
          </Text>
        ) : (
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
        )}
      </View>
    </View>
  );
}

const DAYS = [3, 7, 14, 30];
const FLOORS = [30, 40, 50];

/** The town opens a round for all of its villages or some, for a period that has begun. */
function OpenForm({
  villages,
  onOpened,
}: {
  villages: { id: string; name: string }[];
  onOpened: () => void;
}) {
  const choices = periodChoices(new Date());
  const [period, setPeriod] = useState(choices[0]);
  const [days, setDays] = useState(7);
  const [floor, setFloor] = useState(30);
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [picked, setPicked] = useState<string[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const form = useFormSubmit();
  const targets = scope === 'all' ? villages : villages.filter((v) => picked.includes(v.id));
  const open = async () => {
    if (progress !== null || targets.length === 0) return;
    if (!(await confirm(`为${targets.length}个村开启${periodLabel(period)}测评，进行 ${days} 天？`))) return;
    await form.run(
      async () => {
        // One call for all of them: every village's round is asked for at once, those the call
        // has no time to prepare stay 正在准备 and start by themselves shortly (the survey's timer).
        setProgress(`正在开启 ${targets.length} 个村的测评…`);
        const r = await call('survey', 'openRound', {
          ...(scope === 'all' ? {} : { villageIds: targets.map((v) => v.id) }),
          periodKey: period,
          days,
          participationFloor: floor,
        });
        const ready = r.opened.length - r.preparing;
        await say(
          [
            `已开启 ${ready} 个村。`,
            ...(r.preparing ? [`${r.preparing} 个村正在准备，几分钟内自动开始，可在下方选村查看。`] : []),
            ...(r.refused.length
              ? ['未开启：', ...r.refused.map((x) => `${x.villageName}：${x.reason}`)]
              : []),
          ].join('\n'),
        );
      },
      (err) => say(err.message),
    );
    setProgress(null);
    onOpened();
  };
  return (
    <View className="card" id="round-open-form">
      <Text className="section-title">开启满意度测评</Text>
      <Text className="sv-hint">测评期间</Text>
      <Chips
        idPrefix="period"
        options={choices.map((c) => ({ value: c, label: periodLabel(c) }))}
        value={period}
        onChange={setPeriod}
      />
      <Text className="sv-hint">进行天数（到期自动结束）</Text>
      <Chips
        idPrefix="days"
        options={DAYS.map((d) => ({ value: d, label: `${d} 天` }))}
        value={days}
        onChange={setDays}
      />
      <Text className="sv-hint">参与率低于多少无效</Text>
      <Chips
        idPrefix="floor"
        options={FLOORS.map((f) => ({ value: f, label: `${f}%` }))}
        value={floor}
        onChange={setFloor}
      />
      <Text className="sv-hint">哪些村</Text>
      <Chips
        idPrefix="scope"
        options={[
          { value: 'all', label: '全镇各村' },
          { value: 'some', label: '选择村' },
        ]}
        value={scope}
        onChange={(v) => setScope(v as 'all' | 'some')}
      />
      {scope === 'some' ? (
        <View className="chips">
          {villages.map((v) => (
            <Text
              key={v.id}
              id={`pick-${v.id}`}
              className={`chip tap${picked.includes(v.id) ? ' active' : ''}`}
              onClick={() =>
                setPicked((p) => (p.includes(v.id) ? p.filter((x) => x !== v.id) : [...p, v.id]))
              }
            >
              {v.name}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="sv-hint">开启时按各村已绑定的村民和村民名册确定参评名单。</Text>
      <View
        id="round-open"
        className={`sv-big-button${progress !== null || targets.length === 0 ? ' disabled' : ''}`}
        onClick={open}
      >
        {progress ?? `为 ${targets.length} 个村开启测评`}
      </View>
    </View>
  );
}

/**
 * Town admins open rounds for their villages and close them; cadres see their village's
 * rounds and participation, and check the count, but neither open nor close.
 */
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
  const villages = villageList.data?.villages ?? [];

  return (
    <View>
      {town ? <OpenForm villages={villages} onOpened={() => villageId && rounds.reload()} /> : null}
      {town ? (
        <View className="card">
          <Text className="section-title">查看各村测评</Text>
          <Chips
            idPrefix="village"
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={setVillageId}
          />
        </View>
      ) : (
        <View className="card">
          <Text className="sv-hint" id="round-cadre-hint">
            满意度测评由镇纪委统一开启和结束，这里可以查看本村的参与情况。
          </Text>
        </View>
      )}
      {villageId ? (
        <RequestView state={rounds}>
          {(r) => (
            <View>
              {r.rounds.map((x) => (
                <RoundCard key={x.id} round={x} town={town} onChanged={rounds.reload} />
              ))}
              {r.rounds.length === 0 ? <Text className="list-end">还没有测评</Text> : null}
            </View>
          )}
        </RequestView>
      ) : null}
    </View>
  );
}
