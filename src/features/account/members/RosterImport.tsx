import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ROLE_LABELS, type ROSTER_ROLES } from '@common/contracts/shared';
import { call } from '@/services/api';
import { FormError, useFormSubmit } from '../../shared/forms';
import { previewRoster, type RosterPreviewRow } from '../roster';

type RosterRole = (typeof ROSTER_ROLES)[number];
const BATCH = 2000;

/** Paste rows copied from Excel, check the preview, then import the good rows. */
export function RosterImport({
  villageId,
  onImported,
  byTownAdmin,
}: {
  villageId: string;
  onImported: () => void;
  /** The town admin may import every roster role; a cadre not 村民代表. */
  byTownAdmin: boolean;
}) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<RosterPreviewRow[] | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const { busy, message, run } = useFormSubmit();
  const good = preview?.filter((r) => r.outcome === 'import') ?? [];
  const notImported = preview ? preview.length - good.length : 0;

  const submit = () =>
    run(async () => {
      const entries = good.map((g) => ({
        name: g.name,
        phoneLast4: g.phoneLast4,
        roles: g.roles as RosterRole[],
      }));
      const r = { added: 0, skipped: 0, refused: [] as string[] };
      // The action takes at most 2000 rows at a time.
      for (let i = 0; i < entries.length; i += BATCH) {
        const part = await call('account', 'importRoster', {
          villageId,
          entries: entries.slice(i, i + BATCH),
        });
        r.added += part.added;
        r.skipped += part.skipped;
        r.refused.push(...part.refused.map((x) => `${x.name}（${x.reason}）`));
      }
      setResult(
        `新增 ${r.added} 人${r.skipped ? `，${r.skipped} 人已在名册中未重复导入` : ''}` +
          (r.refused.length ? `；未导入 ${r.refused.length} 人：${r.refused.join('；')}` : ''),
      );
      setPreview(null);
      setText('');
      onImported();
    });

  return (
    <View id="roster-import" className="card form">
      <Text className="section-title">导入村民名册</Text>
      <Text className="state-hint">
        从 Excel 复制三列粘贴到下面：姓名、手机号后四位、身份（可不填，默认村民；多个身份用顿号分开）。
      </Text>
      <TextArea
        id="roster-text"
        className="textarea roster-text"
        value={text}
        onChange={(v) => {
          setText(v);
          setPreview(null);
          setResult(null);
        }}
        placeholder={'马秀英\t3721\t村民\n何志远\t5408\t村民、外出务工人员'}
        maxLength={100000}
        rows={6}
      />
      <Button
        id="roster-preview"
        fill="outline"
        type="primary"
        block
        disabled={!text.trim()}
        onClick={() => setPreview(previewRoster(text, byTownAdmin))}
      >
        预览
      </Button>
      {preview ? (
        <View id="roster-preview-table" className="roster-preview">
          <Text id="roster-preview-summary" className="state-hint">
            共 {preview.length} 行，可导入 {good.length} 行
            {notImported ? `，${notImported} 行不会导入（原因见各行）` : ''}
          </Text>
          {preview.map((r) => (
            <View
              key={r.line}
              className={`roster-preview-row outcome-${r.outcome}${r.error ? ' has-error' : ''}`}
              data-line={r.line}
              data-outcome={r.outcome}
            >
              <Text className="roster-cell">第{r.line}行</Text>
              <Text className="roster-cell">{r.name}</Text>
              <Text className="roster-cell">{r.phoneLast4}</Text>
              <Text className="roster-cell">{r.roles.map((x) => ROLE_LABELS[x]).join('、')}</Text>
              <Text className={`roster-cell roster-outcome${r.outcome === 'import' ? ' ok' : ''}`}>
                {r.outcome === 'import' ? '导入' : r.outcome === 'repeat' ? '重复' : '不导入'}
              </Text>
              {r.error ? <Text className="field-error roster-error">{r.error}</Text> : null}
            </View>
          ))}
          <Button
            id="roster-import-submit"
            type="primary"
            block
            loading={busy}
            disabled={!good.length}
            onClick={submit}
          >
            导入 {good.length} 人
          </Button>
          <Text className="state-hint">已在名册中的人不会重复添加。</Text>
        </View>
      ) : null}
      <FormError message={message} />
      {result ? (
        <Text id="roster-result" className="success-text">
          {result}
        </Text>
      ) : null}
    </View>
  );
}
