import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaDateTime } from '@common/clock';
import { useEffect, useState } from 'react';
import type { SurveyOutputs, SurveyQuestion } from '@common/contracts/survey';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { pct, RESULTS_URL } from './format';

type Current = SurveyOutputs['current'];

/**
 * The survey as a 60-year-old meets it: one question per screen in large type, an answer is
 * one tap on a full-width button and moves on; a last look at the answers, then 提交.
 */
export function Questionnaire({
  questions,
  onSubmit,
}: {
  questions: SurveyQuestion[];
  onSubmit: (answers: Record<string, string>) => Promise<void>;
}) {
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A double tap, or the click a browser sends after a touch, must not answer the next
  // question or submit unseen: each screen takes taps only after a short moment.
  const [readyStep, setReadyStep] = useState(-1);
  const ready = readyStep === step;
  useEffect(() => {
    const t = setTimeout(() => setReadyStep(step), step < questions.length ? 350 : 600);
    return () => clearTimeout(t);
  }, [step, questions.length]);

  const q = questions[step];
  if (q) {
    return (
      <View className="card" id="survey-question">
        <Text className="sv-progress">
          第 {step + 1} 题，共 {questions.length} 题
        </Text>
        <Text className="sv-indicator">{q.name}</Text>
        <Text className="sv-question">{q.question}</Text>
        <View className={`sv-options${ready ? ' ready' : ''}`}>
          {q.options.map((o) => (
            <View
              key={o.key}
              id={`option-${q.indicatorId}-${o.key}`}
              className={`sv-option${answers[q.indicatorId] === o.key ? ' active' : ''}`}
              onClick={() => {
                if (!ready) return;
                setAnswers((a) => ({ ...a, [q.indicatorId]: o.key }));
                setStep(step + 1);
              }}
            >
              {o.label}
            </View>
          ))}
        </View>
        <View className="sv-nav">
          {step > 0 ? (
            <Text className="link tap" id="survey-back" onClick={() => setStep(step - 1)}>
              ‹ 上一题
            </Text>
          ) : (
            <Text />
          )}
        </View>
      </View>
    );
  }

  return (
    <View className="card" id="survey-review">
      <Text className="sv-question">请确认您的回答</Text>
      {questions.map((q, i) => (
        <View key={q.indicatorId} className="sv-review-row tap" onClick={() => ready && setStep(i)}>
          <Text>{q.name}</Text>
          <Text className="sv-review-answer">
            {q.options.find((o) => o.key === answers[q.indicatorId])?.label ?? '未答'} ›
          </Text>
        </View>
      ))}
      <Text className="sv-hint">点某一项可以修改。提交后不能更改，也没有人能看到您本人的回答。</Text>
      <View
        id="survey-submit"
        className={`sv-big-button${sending || !ready ? ' disabled' : ' ready'}`}
        onClick={async () => {
          if (sending || !ready) return;
          setSending(true);
          setError(null);
          try {
            await onSubmit(answers);
          } catch (e) {
            setError(toApiError(e).message);
          } finally {
            setSending(false);
          }
        }}
      >
        {sending ? '正在提交…' : '提交'}
      </View>
      {error ? (
        <Text className="sv-error" id="survey-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}

function Participation({ round }: { round: NonNullable<Current['round']> }) {
  return (
    <Text className="sv-hint" id="survey-participation">
      已有 {round.ballots} 人参加，参评名单 {round.eligibleVoters} 人（{pct(round.participation)}
      ）。{round.closesAt ? `测评到 ${formatChinaDateTime(round.closesAt)} 为止，` : '测评'}结束后公布结果。
    </Text>
  );
}

export function VoteView() {
  const current = useRequest(() => call('survey', 'current', {}), []);
  const [done, setDone] = useState(false);
  return (
    <RequestView state={current}>
      {(c) => (
        <View>
          <View className="home-head">
            <Text className="home-village">{c.villageName}满意度测评</Text>
            {c.round ? <Text className="sv-hint">{c.round.periodLabel}</Text> : null}
          </View>
          {done ? (
            <View className="card" id="survey-thanks">
              <Text className="sv-notice">提交成功，感谢您的参与！</Text>
              <Text className="sv-hint">每人只能参加一次。测评结束后可以在这里查看全村的结果。</Text>
            </View>
          ) : !c.round ? (
            <View className="card" id="survey-none">
              <Text className="sv-notice">现在没有正在进行的测评</Text>
            </View>
          ) : c.round.status === 'preparing' ? (
            <View className="card" id="survey-preparing">
              <Text className="sv-notice">本轮测评正在准备</Text>
              <Text className="sv-hint">准备好后就可以参加，一般只要几分钟，请稍后再来。</Text>
              <View className="sv-big-button ready" id="survey-refresh" onClick={current.reload}>
                刷新
              </View>
            </View>
          ) : c.voted ? (
            <View className="card" id="survey-voted">
              <Text className="sv-notice">您已参加过本轮测评</Text>
              <Participation round={c.round} />
            </View>
          ) : !c.eligible ? (
            <View className="card" id="survey-not-eligible">
              <Text className="sv-notice">您不在本轮测评的参评名单中</Text>
              <Text className="sv-hint">名单在测评开始时确定。如有疑问，请联系村干部。</Text>
            </View>
          ) : (
            <Questionnaire
              questions={c.questions}
              onSubmit={async (answers) => {
                await call('survey', 'vote', { roundId: c.round!.id, answers });
                setDone(true);
              }}
            />
          )}
          {c.latestClosed ? (
            <View
              className="card tap"
              id="survey-latest"
              onClick={() => Taro.navigateTo({ url: RESULTS_URL(c.latestClosed!.id) })}
            >
              <Text className="card-title">查看{c.latestClosed.periodLabel}测评结果 ›</Text>
            </View>
          ) : null}
          <View
            className="card tap"
            id="survey-trend"
            onClick={() => Taro.navigateTo({ url: '/survey/pages/trend/index' })}
          >
            <Text className="card-title">本村历次测评变化 ›</Text>
          </View>
        </View>
      )}
    </RequestView>
  );
}
