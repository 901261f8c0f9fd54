import type { AnyInput } from './define-input';
import { completeStep } from './complete-step';
import { decideApproval } from './decide-approval';
import { reportFollowUp } from './report-follow-up';
import { submitReview } from './submit-review';
import { reclassify } from './reclassify';
import { updateMetrics } from './update-metrics';
import { promiseMilestone } from './promise-milestone';
import { completeMilestone } from './complete-milestone';
import { subside } from './subside';
import { reopen } from './reopen';
import { close } from './close';
import { resendApprovalLink } from './resend-approval-link';
import { setFlag } from './set-flag';
import { changeLead } from './change-lead';
import { raiseQuestion } from './raise-question';

/** Every human input the workflow accepts and the API serves, one line each. */
export const inputs: readonly AnyInput[] = [
  completeStep,
  decideApproval,
  reportFollowUp,
  submitReview,
  reclassify,
  changeLead,
  setFlag,
  updateMetrics,
  promiseMilestone,
  completeMilestone,
  raiseQuestion,
  subside,
  reopen,
  close,
  resendApprovalLink,
];
