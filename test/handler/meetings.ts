/**
 * Inputs of 四议两公开 meetings for tests of the contexts that build on a decision (三资, the
 * public record): a meeting where every member entitled came and voted for the proposal.
 */
export function unanimousMeeting(m: {
  requestId: string;
  decisionId: string;
  step: string;
  heldOn: string;
  entitled: number;
  minutes: { fileId: string; name: string; kind: string }[];
}) {
  return {
    ...m,
    present: m.entitled,
    votesFor: m.entitled,
    votesAgainst: 0,
    abstentions: 0,
    outcome: 'passed',
  };
}
