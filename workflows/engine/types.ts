import type { Plan, Step } from '../../plans/plan-schema';

export type { Plan, Step };

/** Epoch milliseconds: JSON-safe across Temporal, unlike Date. */
export type EpochMs = number;

export type StepStatus = 'waiting' | 'open' | 'done' | 'skipped';

export interface Breach {
  dueAt: EpochMs;
  recordedAt: EpochMs;
  lateByMs: number;
  /** Roles notified: the owner and its reportsTo chain. */
  escalatedTo: string[];
}

export interface ApprovalDecision {
  role: string;
  by: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: EpochMs;
}

export interface StepState {
  id: string;
  status: StepStatus;
  openedAt?: EpochMs;
  dueAt?: EpochMs;
  doneAt?: EpochMs;
  doneBy?: string;
  breaches: Breach[];
  /** Approval steps: index into the approver chain, and every decision ever made (rounds included). */
  stage?: number;
  decisions?: ApprovalDecision[];
}

export type TimelineType =
  | 'incident-opened'
  | 'step-opened'
  | 'step-done'
  | 'step-skipped'
  | 'step-reopened'
  | 'approval-decided'
  | 'deadline-breached'
  | 'notification-sent'
  | 'notification-failed'
  | 'incident-closed';

export interface TimelineEvent {
  seq: number;
  at: EpochMs;
  type: TimelineType;
  stepId?: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface IncidentFacts {
  id: string;
  title: string;
  summary: string;
  level: string;
  reporter: string;
  discoveredAt: EpochMs;
}

export type IncidentStatus = 'open' | 'closed';

export interface IncidentState {
  incident: IncidentFacts;
  planId: string;
  planVersion: number;
  level: string;
  leadRole: string;
  status: IncidentStatus;
  steps: Record<string, StepState>;
  timeline: TimelineEvent[];
}

/** An actor as the workflow sees one: who (for the record) acting in which plan role. */
export interface Actor {
  id: string;
  role: string;
}
