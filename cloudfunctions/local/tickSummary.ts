import type { TickReport } from '../report/timer';

/** One line for a person: what a tick did. */
export function describeTick(r: TickReport): string {
  const parts: string[] = [];
  if (r.drafted) {
    const [y, m] = r.drafted.month.split('-');
    const label = `${y}年${Number(m)}月`;
    parts.push(
      r.drafted.created
        ? `生成${label}村情月报草稿 ${r.drafted.created} 份`
        : r.drafted.remaining
          ? `${label}村情月报还有 ${r.drafted.remaining} 个村待生成`
          : `${label}村情月报草稿已齐全`,
    );
  }
  if (r.flagged) parts.push(`${r.flagged} 份草稿超过期限未发布，已提醒`);
  if (r.delivery?.sent) parts.push(`推送订阅消息 ${r.delivery.sent} 条`);
  return parts.join('；') || '没有需要处理的事项';
}
