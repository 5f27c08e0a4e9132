import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { Questionnaire } from './VoteView';

/** A supervisor keys in paper ballots against roster entries of the open round's snapshot. */
export function PaperView() {
  const rounds = useRequest(() => call('survey', 'rounds', {}), []);
  const open = rounds.data?.rounds.find((r) => r.status === 'open');
  const roster = useRequest(() => call('survey', 'paperRoster', { roundId: open!.id }), [open?.id], {
    enabled: !!open,
  });
  const [picked, setPicked] = useState<string | null>(null);
  const [entered, setEntered] = useState<string[]>([]);

  return (
    <RequestView state={rounds}>
      {() =>
        !open ? (
          <EmptyState title="现在没有正在进行的测评" />
        ) : (
          <RequestView state={roster}>
            {(r) => {
              const entry = r.entries.find((e) => e.rosterId === picked);
              if (entry) {
                return (
                  <View>
                    <View className="card">
                      <Text className="card-title">
                        录入 {entry.name}（手机尾号 {entry.phoneTail}）的纸质问卷
                      </Text>
                      <Text className="sv-link link tap" onClick={() => setPicked(null)}>
                        ‹ 返回名单
                      </Text>
                    </View>
                    <Questionnaire
                      key={entry.rosterId}
                      questions={r.questions.filter((q) => entry.indicatorIds.includes(q.indicatorId))}
                      onSubmit={async (answers) => {
                        await call('survey', 'paperBallot', {
                          roundId: r.roundId,
                          rosterId: entry.rosterId,
                          answers,
                        });
                        setEntered((x) => [...x, entry.rosterId]);
                        setPicked(null);
                        await Taro.showToast({ title: '已录入', icon: 'success' });
                      }}
                    />
                  </View>
                );
              }
              return (
                <View className="card">
                  <Text className="section-title">{open.periodLabel}纸质问卷录入</Text>
                  <Text className="sv-hint">请按问卷上的姓名选择村民。已在手机上参加的村民不能再录入。</Text>
                  {r.entries.map((e) => (
                    <View
                      key={e.rosterId}
                      className="sv-entry tap card-row"
                      onClick={() => setPicked(e.rosterId)}
                    >
                      <Text>
                        {e.name}（尾号 {e.phoneTail}）
                      </Text>
                      <Text className="sv-hint">
                        {entered.includes(e.rosterId) ? '本次已录入' : '录入 ›'}
                      </Text>
                    </View>
                  ))}
                  {r.entries.length === 0 ? <Text className="list-end">名册中没有可录入的村民</Text> : null}
                </View>
              );
            }}
          </RequestView>
        )
      }
    </RequestView>
  );
}
