import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { oversightInputs, type Deadlines, type TownVillageRow } from '@common/contracts/oversight';
import { call } from '@/services/api';
import { Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { percent, timeText } from './labels';

function VillageRow({ r }: { r: TownVillageRow }) {
  return (
    <View
      className={`card ov-item tap town-row${r.escalated || r.overdue || r.overdueFixes ? ' ov-alert' : ''}`}
      id={`town-row-${r.villageId}`}
      onClick={() => void Taro.navigateTo({ url: `/oversight/pages/inbox/index?villageId=${r.villageId}` })}
    >
      <Text className="card-title">{r.villageName}</Text>
      <View className="ov-table-row">
        <Text className="ov-figure">办理中 {r.open}</Text>
        <Text className={`ov-figure${r.overdue ? ' ov-overdue' : ''}`}>逾期 {r.overdue}</Text>
        <Text className={`ov-figure${r.escalated ? ' ov-overdue' : ''}`}>已升级 {r.escalated}</Text>
        <Text className="ov-figure">共 {r.total} 件</Text>
        <Text className={`ov-figure${r.overdueFixes ? ' ov-overdue' : ''}`}>逾期整改 {r.overdueFixes}</Text>
      </View>
      <View className="ov-table-row">
        <Text className="ov-figure">
          答复用时中位数 {r.medianDaysToAnswer === null ? '—' : `${r.medianDaysToAnswer} 天`}
        </Text>
        <Text className="ov-figure">
          答复满意率 {percent(r.satisfaction)}
          {r.rated ? `（${r.rated} 人评价）` : ''}
        </Text>
        <Text
          className="link tap"
          id={`town-log-${r.villageId}`}
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: `/oversight/pages/log/index?villageId=${r.villageId}` });
          }}
        >
          村监委台账
        </Text>
      </View>
    </View>
  );
}

function DeadlinesForm({ current, done }: { current: Deadlines; done: () => void }) {
  const [v, setV] = useState({
    acceptDays: String(current.acceptDays),
    answerDays: String(current.answerDays),
    rateDays: String(current.rateDays),
  });
  const form = useFormSubmit();
  const field = (key: keyof typeof v, label: string) => (
    <Field label={label} name={key} error={form.errors[key]}>
      <Input
        id={`deadline-${key}`}
        className="input"
        type="number"
        value={v[key]}
        onInput={(e) => setV((x) => ({ ...x, [key]: e.detail.value }))}
      />
    </Field>
  );
  return (
    <View className="card" id="deadlines-form">
      <Text className="section-title">办理期限（天，按北京时间自然日计算）</Text>
      {field('acceptDays', '村监委受理期限')}
      {field('answerDays', '村干部答复期限（自受理起）')}
      {field('rateDays', '反映人评价期限（逾期未评价自动办结）')}
      <Text className="field-hint">修改后对新提出的问题生效，已提出的问题按原期限办理。</Text>
      <FormError message={form.message} />
      <Button
        id="deadlines-save"
        type="primary"
        loading={form.busy}
        onClick={() =>
          void form.submit(
            oversightInputs.setDeadlines,
            {
              acceptDays: Number(v.acceptDays),
              answerDays: Number(v.answerDays),
              rateDays: Number(v.rateDays),
            },
            async (i) => {
              await call('oversight', 'setDeadlines', i);
              await Taro.showToast({ title: '已保存', icon: 'success' });
              done();
            },
          )
        }
      >
        保存期限
      </Button>
    </View>
  );
}

/** The town 纪委's view: every village's open, overdue and escalated questions, page by page. */
export function TownScreen() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const view = useRequest(() => call('oversight', 'townView', cursor ? { cursor } : {}), [cursor]);
  const [editing, setEditing] = useState(false);
  return (
    <View id="town-oversight">
      <RequestView state={view}>
        {(d) => (
          <View>
            <Text className="ov-meta">
              全镇 {d.totals.villages} 个村 · 统计时间 {timeText(d.asOf)} · 受理 {d.deadlines.acceptDays}{' '}
              天、答复 {d.deadlines.answerDays} 天
            </Text>
            {d.rows.map((r) => (
              <VillageRow key={r.villageId} r={r} />
            ))}
            <View className="actions">
              {cursors.length ? (
                <Button fill="outline" onClick={() => setCursors((c) => c.slice(0, -1))}>
                  上一页
                </Button>
              ) : null}
              {d.next ? (
                <Button
                  id="town-next"
                  fill="outline"
                  onClick={() => setCursors((c) => [...c, d.next as string])}
                >
                  下一页
                </Button>
              ) : null}
              <Button fill="outline" id="deadlines-edit" onClick={() => setEditing((e) => !e)}>
                {editing ? '收起期限设置' : '设置办理期限'}
              </Button>
            </View>
            {editing ? (
              <DeadlinesForm
                current={d.deadlines}
                done={() => {
                  setEditing(false);
                  view.reload();
                }}
              />
            ) : null}
          </View>
        )}
      </RequestView>
    </View>
  );
}
