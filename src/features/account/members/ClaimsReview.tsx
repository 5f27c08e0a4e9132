import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '../../shared/StateViews';
import { useRequest } from '../../shared/useRequest';
import { useFormSubmit } from '../../shared/forms';
import { confirmStep } from '../../shared/confirm';
import { showModal, showToast } from '../../shared/nav';

/** Residents who claimed a roster entry, waiting for a cadre: 通过 binds them, 拒绝 does not. */
export function ClaimsReview({ villageId, onReviewed }: { villageId: string; onReviewed: () => void }) {
  const claims = useRequest(() => call('account', 'listClaims', { villageId }), [villageId]);
  // One review at a time: a tap on another claim while one is on its way is refused.
  const [reviewing, setReviewing] = useState<string | null>(null);
  const { run, busy: sending } = useFormSubmit();
  const busy = sending ? reviewing : null;

  const review = async (claimId: string, approve: boolean, name: string) => {
    // Approving binds the person to the village for good; ask once.
    if (
      approve &&
      !(await confirmStep({
        title: '通过认领',
        content: `通过后，${name}将作为本村村民加入，能看到本村的公开和测评。确认是本人吗？`,
        confirmText: '确认通过',
      }))
    )
      return;
    if (busy) return;
    setReviewing(claimId);
    await run(
      async () => {
        await call('account', 'reviewClaim', { claimId, approve });
        showToast({ title: approve ? '已通过' : '已拒绝', icon: 'success' });
        onReviewed();
      },
      (err) => showModal({ title: '操作未完成', content: err.message, showCancel: false }),
    );
    claims.reload();
  };

  return (
    <View id="claims-review" className="card">
      <Text className="section-title">待审核的认领</Text>
      <RequestView state={claims}>
        {(data) =>
          data.claims.length ? (
            <View>
              {data.claims.map((c) => (
                <View key={c.id} className="claim-row" data-claim={c.id}>
                  <View className="claim-text">
                    <Text className="claim-name">{c.name}</Text>
                    <Text className="state-hint">
                      手机尾号 {c.phoneLast4} · {formatChinaDateTime(c.createdAt)}
                    </Text>
                    {c.sameEntryClaims > 1 ? (
                      <Text className="field-error same-entry-claims">
                        注意：共有 {c.sameEntryClaims} 人在认领这条名册，请核实后只通过本人
                      </Text>
                    ) : null}
                  </View>
                  <View className="claim-actions">
                    <Button
                      className="claim-approve"
                      type="primary"
                      loading={busy === c.id}
                      onClick={() => review(c.id, true, c.name)}
                    >
                      通过
                    </Button>
                    <Button
                      className="claim-reject"
                      fill="outline"
                      disabled={busy === c.id}
                      onClick={() => review(c.id, false, c.name)}
                    >
                      拒绝
                    </Button>
                  </View>
                </View>
              ))}
            </View>
          ) : (
            <EmptyState title="没有待审核的认领" />
          )
        }
      </RequestView>
    </View>
  );
}
