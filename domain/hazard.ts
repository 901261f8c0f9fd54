import type { Plan } from './plan-schema';
import type { Words } from './words';

// The hazard register (隐患排查) of P4, 温泉街道 四(一): "各单位要根据工作开展情况，随时摸排舆情隐患，填写网络舆情
// 隐患排查表（附件3）及时上报领导小组办公室进行汇总". One entry is one row of 附件3 — 科室 | 舆情隐患内容 |
// 线下处置措施 | 线上管控措施及引导口径 | 解决时限 — held to its 解决时限 by a small workflow of its own
// (workflows/hazard-workflow.ts). Pure: the workflow imports these types and rules.

/** Epoch milliseconds, JSON-safe across Temporal. */
type EpochMs = number;

/** One row of 网络舆情隐患排查表 as a unit reported it. */
export interface HazardEntry {
  id: string;
  /** The plan whose office gathers the register (P4). */
  planId: string;
  /** 科室: the section or village that found the hazard and handles it. */
  section: string;
  /** 舆情隐患内容 */
  hazard: string;
  /** 线下处置措施 */
  offlineMeasure: string;
  /** 线上管控措施及引导口径 */
  onlineMeasure: string;
  /** 解决时限 */
  resolveBy: EpochMs;
  /** Who filled it in (a person id or the operator's name). */
  reportedBy: string;
  reportedAt: EpochMs;
}

/** The workflow id of an entry: named once, here (workflows/hazard-messages.ts hands it on). */
export const hazardWorkflowId = (hazardId: string): string => `hazard-${hazardId}`;

/** The plan roles an entry's notices go to, read from the plan when the entry is reported. */
export interface HazardRoles {
  /** The unit that owns the hazard (P4: 涉事单位, the village or section concerned). */
  unit: string;
  /** Where the table is sent and gathered (P4: 领导小组办公室). */
  office: string;
  /** Told as well when the deadline is missed: the office's superior in the plan (one hop up). */
  escalateTo: string[];
}

export interface HazardWorkflowInput {
  entry: HazardEntry;
  roles: HazardRoles;
}

/**
 * open: before its deadline; overdue: past it and not resolved (still waiting); resolved; became-incident:
 * it broke out and an incident took it over. The last two are final.
 */
export type HazardStatus = 'open' | 'overdue' | 'resolved' | 'became-incident';

export const FINAL_HAZARD_STATUSES: readonly HazardStatus[] = ['resolved', 'became-incident'];

export type HazardNoticeKind = 'reported' | 'reminder' | 'overdue';

/** What became of one notice the entry caused. */
export interface HazardNoticeOutcome {
  kind: HazardNoticeKind;
  key: string;
  recipients: string[];
  at: EpochMs;
  delivered: boolean;
  /** Why it was not delivered, masked by the activity. */
  reason?: string;
}

/** An entry's state as the workflow holds it, answers it and stores it. */
export interface HazardView {
  entry: HazardEntry;
  roles: HazardRoles;
  status: HazardStatus;
  /** When the reminder is due (see reminderAt). */
  remindAt: EpochMs;
  remindedAt?: EpochMs;
  /** When the missed deadline was recorded. */
  breachedAt?: EpochMs;
  resolvedAt?: EpochMs;
  resolvedBy?: string;
  resolution?: string;
  /** Resolved after its deadline: by how much. */
  lateByMs?: number;
  incidentId?: string;
  escalatedBy?: string;
  escalatedAt?: EpochMs;
  notices: HazardNoticeOutcome[];
  /** Goes up with every change: a stored row never takes an older snapshot over a newer one. */
  version: number;
}

/** A notice to the people behind plan roles, about one entry (no incident owns it). */
export interface HazardNoticeRequest {
  key: string;
  hazardId: string;
  planId: string;
  recipients: string[];
  subject: Words;
  /** The paragraphs under the subject, Chinese and English. */
  lines: Words[];
}

/** resolveHazard: the unit or the office says the hazard is dealt with. */
export interface ResolveHazard {
  by: string;
  note?: string;
}

/** escalateHazard: it broke out; the incident the API started from it takes over. */
export interface EscalateHazard {
  by: string;
  incidentId: string;
}

const DAY_MS = 86_400_000;

/**
 * When the unit and the office are reminded: a day before the deadline, or halfway to it when the
 * whole span is shorter than two days. The seed gives no reminder; a day leaves the section a working
 * day to act on a 解决时限 that is usually days or weeks out, and halfway keeps a short one from
 * reminding people of an entry they filed moments ago.
 */
export function reminderAt(reportedAt: EpochMs, resolveBy: EpochMs): EpochMs {
  const span = Math.max(0, resolveBy - reportedAt);
  return resolveBy - Math.min(DAY_MS, Math.floor(span / 2));
}

/** The roles behind a plan's hazard register, for the plans that keep one. */
interface RegisterRoles {
  unit: string;
  office: string;
}

/**
 * Plans with a hazard register and the roles of its 附件3: only P4's seed asks for one. Kept here, not in
 * the plan format, until a second plan does.
 */
export const HAZARD_REGISTERS: Readonly<Record<string, RegisterRoles>> = {
  'p4-wenquan-subdistrict': { unit: 'involved-unit', office: 'office' },
};

export const HAZARD_REGISTER_PLAN = 'p4-wenquan-subdistrict';

/**
 * The roles an entry under `plan` notifies, or why the plan keeps no register: the office's superior
 * comes from the plan's reportsTo chain, one hop up, as a missed step deadline escalates.
 */
export function hazardRolesOf(plan: Plan): HazardRoles | string {
  const register = HAZARD_REGISTERS[plan.id];
  if (!register) return `plan ${plan.id} keeps no hazard register`;
  const office = plan.roles.find((r) => r.id === register.office);
  if (!office || !plan.roles.some((r) => r.id === register.unit)) {
    return `plan ${plan.id} has no role ${office ? register.unit : register.office}`;
  }
  return {
    unit: register.unit,
    office: register.office,
    escalateTo: office.reportsTo === undefined ? [] : [office.reportsTo],
  };
}
