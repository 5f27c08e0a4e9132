/** Recognises WeChat's timer event ({ Type: 'timer', TriggerName, Time }). */
export function isTimerEvent(event: unknown): boolean {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return (
    !!e &&
    typeof e === 'object' &&
    String(e.Type).toLowerCase() === 'timer' &&
    typeof e.TriggerName === 'string'
  );
}
