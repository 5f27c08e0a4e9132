import { View, Text } from '@tarojs/components';
import type { ReportContent } from '@common/contracts/report';
import { CATEGORY_LABELS } from '@common/contracts/disclosure';
import { formatYuan } from '@common/money';
import { chinaDateKey } from '@common/clock';
import { periodLabel } from '@/features/disclosure/labels';
import { balanceText, changeText, dateLabel, monthLabel, percent } from './format';

type FinanceItems = ReportContent['finance']['largestIncome'];

/** One of the month's totals: its label over its figure. */
function Total({ label, value, valueId }: { label: string; value: string; valueId?: string }) {
  return (
    <View className="report-total">
      <Text className="report-total-label">{label}</Text>
      <Text className="report-total-value" {...(valueId ? { id: valueId } : {})}>
        {value}
      </Text>
    </View>
  );
}

/** The largest incomes or expenses of the month under their heading (nothing when there are none). */
function LargestItems({
  title,
  items,
  keyPrefix,
}: {
  title: string;
  items: FinanceItems;
  keyPrefix: string;
}) {
  return (
    <>
      {items.length ? <Text className="report-h3">{title}</Text> : null}
      {items.map((i, k) => (
        <View className="report-item" key={`${keyPrefix}${k}`}>
          <Text className="report-item-name">
            {i.note || i.category}
            {i.note ? <Text className="report-item-meta">{i.category}</Text> : null}
          </Text>
          <Text className="report-item-amount">{formatYuan(i.amountFen)}</Text>
        </View>
      ))}
    </>
  );
}

/** The report's sections; the same on the phone page and on the A4 print view. */
export function ReportBody({
  content,
  onOpenDisclosure,
  onOpenNotice,
}: {
  content: ReportContent;
  onOpenDisclosure?: (seriesId: string) => void;
  onOpenNotice?: (noticeId: string) => void;
}) {
  const f = content.finance;
  return (
    <View className="report-body">
      <View className="card report-section" id="report-finance">
        <Text className="report-h2">一、集体财务收支</Text>
        {f.totals ? (
          <View>
            <View className="report-totals">
              <Total label="收入" valueId="report-income" value={formatYuan(f.totals.incomeFen)} />
              <Total label="支出" valueId="report-expense" value={formatYuan(f.totals.expenseFen)} />
              <Total label="本月" value={balanceText(f.totals)} />
            </View>
            {f.change ? (
              <Text className="report-line">
                与上月相比：收入{changeText(f.change.incomeFen)}，支出{changeText(f.change.expenseFen)}。
              </Text>
            ) : (
              <Text className="report-line">上月没有财务公开，无法比较。</Text>
            )}
            <LargestItems title="主要收入" items={f.largestIncome} keyPrefix="i" />
            <LargestItems title="主要支出" items={f.largestExpense} keyPrefix="e" />
            <Text className="report-source">
              数据来自本村{monthLabel(content.month)}财务公开：{f.sources.map((s) => s.title).join('；')}
            </Text>
          </View>
        ) : (
          <Text className="report-line report-missing">
            本村{monthLabel(content.month)}还没有公开财务收支。
          </Text>
        )}
      </View>

      <View className="card report-section" id="report-disclosures">
        <Text className="report-h2">二、本月公开事项</Text>
        {content.disclosures.length === 0 ? <Text className="report-line">本月没有新的公开。</Text> : null}
        {content.disclosures.map((d) => (
          <View
            className={`report-item${onOpenDisclosure ? ' tap' : ''}`}
            key={d.seriesId}
            onClick={() => onOpenDisclosure?.(d.seriesId)}
          >
            <Text className="report-item-name">
              {d.major ? '【重大事项】' : `【${CATEGORY_LABELS[d.category]}】`}
              {d.title}
            </Text>
            <Text className="report-item-meta">{periodLabel(d.periodKey)}</Text>
          </View>
        ))}
      </View>

      <View className="card report-section" id="report-notices">
        <Text className="report-h2">三、通知公告</Text>
        {content.notices.length === 0 ? <Text className="report-line">本月没有发布通知。</Text> : null}
        {content.notices.map((n) => (
          <View
            className={`report-item${onOpenNotice ? ' tap' : ''}`}
            key={n.noticeId}
            onClick={() => onOpenNotice?.(n.noticeId)}
          >
            <Text className="report-item-name">
              {n.title}
              {n.withdrawn ? '（已撤回）' : ''}
            </Text>
            <Text className="report-item-meta">{dateLabel(chinaDateKey(n.publishedAt))}</Text>
          </View>
        ))}
      </View>

      {content.survey ? (
        <View className="card report-section" id="report-survey">
          <Text className="report-h2">四、群众满意度测评（{periodLabel(content.survey.periodKey)}）</Text>
          {content.survey.indicators.map((i) => (
            <View className="report-item" key={i.name}>
              <Text className="report-item-name">{i.name}</Text>
              <Text className={`report-item-amount ${i.status === 'notMet' ? 'report-bad' : ''}`}>
                {percent(i.approvalRate)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card report-section" id="report-overdue">
        <Text className="report-h2">{content.survey ? '五' : '四'}、应公开未公开</Text>
        {content.overdue.length === 0 ? (
          <Text className="report-line">截至月底，没有逾期未公开的事项。</Text>
        ) : (
          content.overdue.map((g) => (
            <View className="report-item" key={`${g.category}${g.periodKey}`}>
              <Text className="report-item-name report-bad">
                {periodLabel(g.periodKey)}
                {CATEGORY_LABELS[g.category]}
              </Text>
              <Text className="report-item-meta">应于 {dateLabel(g.dueOn)} 前公开</Text>
            </View>
          ))
        )}
      </View>
      {content.chain ? (
        <View className="card report-section" id="report-fingerprint">
          <Text className="report-line">
            本村公开记录指纹：{content.chain.fingerprint}（发布时共 {content.chain.seq} 条公开记录，截至{' '}
            {dateLabel(chinaDateKey(content.chain.at))}
            ）。可在小程序“核验公开记录”中核对，指纹一致说明此前公开的内容没有被改动。
          </Text>
        </View>
      ) : null}
    </View>
  );
}
