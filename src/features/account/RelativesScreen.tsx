import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import { RELATION_LABELS, type DeclaredRelative, type Relation } from '@common/contracts/payouts';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';

const RELATIONS = (Object.keys(RELATION_LABELS) as (Relation | 'self')[])
  .filter((r): r is Relation => r !== 'self')
  .map((r) => ({ value: r, label: RELATION_LABELS[r] }));

/**
 * 近亲属申报: a cadre or 村监委 member lists their close relatives; a name found once in the
 * roster is linked to that household. Every earlier declaration stays on record.
 */
export function RelativesScreen() {
  const loaded = useRequest(() => call('account', 'myRelatives', {}), []);
  const [list, setList] = useState<DeclaredRelative[]>([]);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<Relation>('spouse');
  const { busy, message, run } = useFormSubmit();
  useEffect(() => {
    if (loaded.data) setList(loaded.data.relatives);
  }, [loaded.data]);
  return (
    <RequestView state={loaded}>
      {(d) => {
        const matches = d.roster.filter((r) => r.name === name.trim());
        return (
          <View id="relatives">
            <View className="card">
              <Text className="section-title">我的近亲属</Text>
              <Text className="po-hint">
                发给您本人和您申报的近亲属的惠民资金，会提示村监委和镇纪委核实。删去的亲属仍会留在记录里。
              </Text>
              {list.length === 0 ? <Text className="po-line">还没有申报</Text> : null}
              {list.map((r, i) => (
                <View key={`${r.name}-${i}`} className="po-row relative-row">
                  <Text className="po-who">
                    {r.name}（{RELATION_LABELS[r.relation]}）{r.rosterId ? ' · 本村村民' : ''}
                  </Text>
                  <Text className="link tap" onClick={() => setList(list.filter((_, k) => k !== i))}>
                    删去
                  </Text>
                </View>
              ))}
            </View>
            <View className="card">
              <Field label="姓名" name="relative-name">
                <Input id="relative-name" value={name} onChange={setName} />
              </Field>
              <Field label="关系" name="relative-relation">
                <Chips idPrefix="relation" options={RELATIONS} value={relation} onChange={setRelation} />
              </Field>
              <Button
                id="relative-add"
                fill="outline"
                block
                disabled={name.trim().length < 2}
                onClick={() => {
                  const only = matches.length === 1 ? matches[0] : undefined;
                  setList([...list, { name: name.trim(), relation, ...(only ? { rosterId: only.id } : {}) }]);
                  setName('');
                }}
              >
                加入
              </Button>
            </View>
            <FormError message={message} />
            <Button
              id="relatives-save"
              type="primary"
              block
              loading={busy}
              onClick={() =>
                void run(async () => {
                  await call('account', 'declareRelatives', { requestId: newRequestId(), relatives: list });
                  await Taro.showToast({ title: '已申报', icon: 'none' });
                  loaded.reload();
                })
              }
            >
              提交申报
            </Button>
          </View>
        );
      }}
    </RequestView>
  );
}
