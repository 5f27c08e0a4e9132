import { View, Text } from '@tarojs/components';
import { Input, TextArea } from '@nutui/nutui-react-taro';
import { AUTO_SOURCE_LABELS, AUTO_SOURCES } from '@common/contracts/assessment';
import { ListEditor, type ListEditorProps } from '@/features/shared/ListEditor';
import { freshId, type ItemForm, type StandardForm } from './standardForm';
import { TitleAndPoints, TitleArea } from './standardInputs';

/** What each list of the standard needs from the form around it. */
interface ListProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  locked: boolean;
  /** Every id the standard already uses: a new row takes one not among them. */
  ids: () => string[];
}

const byId = (r: { id: string }) => r.id;

/** A list of the standard: its rows, kept by id, locked with the form. */
function StandardList<T extends { id: string }>({
  list,
  ...editor
}: { list: ListProps<T> } & Omit<ListEditorProps<T>, 'rows' | 'onChange' | 'keyOf' | 'locked'>) {
  return (
    <ListEditor<T> {...editor} rows={list.rows} onChange={list.onChange} keyOf={byId} locked={list.locked} />
  );
}

const pointsOfItems = (items: ItemForm[]) =>
  items.reduce((s, it) => s + (Number.isFinite(it.maxPoints) ? it.maxPoints : 0), 0);

/** The items of one section: what is scored, its full marks, how to score it, by hand or by the system. */
function ItemsEditor({ section, ...p }: ListProps<ItemForm> & { section: number }) {
  const { locked } = p;
  return (
    <StandardList<ItemForm>
      list={p}
      name={`std-item-${section}`}
      rowClassName="std-item"
      rowId={(_, j) => `std-item-${section}-${j}`}
      minRows={1}
      removeLabel="删除本项"
      addLabel="＋ 添加评分项"
      addId={`std-add-item-${section}`}
      newRow={() => ({ id: freshId('item', p.ids()), title: '', maxPoints: NaN, guidance: '' })}
      renderRow={(it, set, j) => (
        <>
          <TitleAndPoints
            row={it}
            set={set}
            locked={locked}
            placeholder={`第 ${j + 1} 项评分内容`}
            pointsId={`std-max-${section}-${j}`}
            pointsPlaceholder="满分"
          />
          <TextArea
            className="std-guidance"
            value={it.guidance}
            disabled={locked}
            maxLength={500}
            autoSize
            placeholder="评分说明（怎样得分、怎样扣分）"
            onChange={(t) => set({ guidance: t })}
          />
          <View className="status-choices">
            <Text className="field-hint">计分方式：</Text>
            {[undefined, ...AUTO_SOURCES].map((src) => (
              <Text
                key={src ?? 'hand'}
                className={`chip tap${it.auto === src ? ' active' : ''}`}
                onClick={() => !locked && set({ auto: src })}
              >
                {src ? `系统计分：${AUTO_SOURCE_LABELS[src]}` : '人工评分'}
              </Text>
            ))}
          </View>
        </>
      )}
    />
  );
}

/** The sections of the standard, each a card with its items. */
export function SectionsEditor(p: ListProps<StandardForm['sections'][number]>) {
  const { locked } = p;
  return (
    <StandardList
      list={p}
      name="std-section"
      rowClassName="card std-card"
      rowId={(_, i) => `std-section-${i}`}
      minRows={1}
      removeLabel="删除本部分"
      addLabel="＋ 添加评分部分"
      addId="std-add-section"
      addSize="normal"
      newRow={() => ({
        id: freshId('sec', p.ids()),
        title: '',
        items: [{ id: freshId('item', p.ids()), title: '', maxPoints: NaN, guidance: '' }],
      })}
      renderRow={(sec, set, i) => (
        <>
          <View className="std-section-head">
            <Input
              className="input std-section-title"
              value={sec.title}
              disabled={locked}
              placeholder="部分名称，例如：班子清廉"
              onChange={(t) => set({ title: t })}
            />
            <Text className="field-hint">小计 {pointsOfItems(sec.items)} 分</Text>
          </View>
          <ItemsEditor
            section={i}
            rows={sec.items}
            onChange={(items) => set({ items })}
            locked={locked}
            ids={p.ids}
          />
        </>
      )}
    />
  );
}

/** The bonus items: what earns extra points, at most how many, and the proof asked for. */
export function BonusEditor(p: ListProps<StandardForm['bonus']['items'][number]>) {
  const { locked } = p;
  return (
    <StandardList
      list={p}
      name="std-bonus"
      rowClassName="std-item"
      addLabel="＋ 添加加分项"
      newRow={() => ({ id: freshId('bonus', p.ids()), title: '', maxPoints: NaN, guidance: '' })}
      renderRow={(b, set) => (
        <>
          <TitleAndPoints row={b} set={set} locked={locked} placeholder="加分情形" pointsPlaceholder="最多" />
          <View className="std-item-main">
            <Input
              className="input"
              value={b.guidance}
              disabled={locked}
              placeholder="证明材料要求，例如：附命名文件"
              onChange={(t) => set({ guidance: t })}
            />
          </View>
        </>
      )}
    />
  );
}

/** The veto items: any one of them and the village is not counted as 清廉村居. */
export function VetoesEditor(p: ListProps<StandardForm['vetoes'][number]>) {
  const { locked } = p;
  return (
    <StandardList
      list={p}
      name="std-veto"
      rowClassName="std-item std-item-main"
      addLabel="＋ 添加否决项"
      newRow={() => ({ id: freshId('veto', p.ids()), title: '', guidance: '' })}
      renderRow={(v, set) => (
        <TitleArea
          value={v.title}
          locked={locked}
          placeholder="否决情形"
          onChange={(t) => set({ title: t })}
        />
      )}
    />
  );
}

/** The units that keep the monthly supervision ledger. */
export function UnitsEditor(p: ListProps<StandardForm['units'][number]>) {
  const { locked } = p;
  return (
    <StandardList
      list={p}
      name="std-unit"
      rowClassName="std-item std-item-main"
      addLabel="＋ 添加责任单位"
      newRow={() => ({ id: freshId('unit', p.ids()), name: '' })}
      renderRow={(u, set) => (
        <Input
          className="input"
          value={u.name}
          disabled={locked}
          placeholder="例如：镇纪委（派出监察室）"
          onChange={(t) => set({ name: t })}
        />
      )}
    />
  );
}
