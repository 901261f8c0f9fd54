/** Why the workflow refused a human input. The code is stable for API clients; the message is for people. */
export type RefusalCode =
  | 'incident-closed'
  | 'unknown-step'
  | 'wrong-step-kind'
  | 'step-not-open'
  | 'wrong-role'
  | 'unknown-role'
  | 'already-decided'
  | 'stage-closed'
  | 'comment-required'
  | 'unknown-level'
  | 'same-level'
  | 'same-lead'
  | 'invalid-form'
  | 'unknown-milestone'
  | 'milestone-done'
  | 'due-in-past'
  | 'wrong-status'
  | 'unknown-flag'
  | 'flag-already-set'
  | 'nothing-to-mark'
  /** The plan has no question rounds: a question goes up some other way. */
  | 'no-question-rounds'
  /** A hazard register entry already resolved, or already turned into an incident. */
  | 'hazard-closed'
  /** The incident is about to continue as new: the same input, sent again in a moment, reaches the next run. */
  | 'incident-continuing';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });
