import type { UpdateDefinition } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import type { Actor, EpochMs, IncidentState, NotificationRequest, Plan, Verdict } from '../domain/incident';
import type { Refusal } from '../domain/refusal';
import type { Words } from '../domain/words';
import type { ContractKit } from './input-schema';

// A human input is one folder: its contract (name, path, summary, fields), its pure rules (validate
// refuses before anything is recorded; apply changes the state and returns the notices it causes) and
// its test. The workflow registers a handler and the API a route and an OpenAPI operation for each
// input in the list (index.ts), so adding an input is adding its folder and one line there.

/** An input's fields besides the actor, built from the kit (the workflow takes only their type). */
export type Fields = (kit: ContractKit) => z.ZodRawShape;

/** What the workflow receives: the fields, path parameters included, and the resolved actor. */
export type InputOf<F extends Fields> = z.output<z.ZodObject<ReturnType<F>>> & { actor: Actor };

export interface InputContract<F extends Fields> {
  /** The update's name in workflow histories: never renamed, running incidents are addressed by it. */
  name: string;
  /** Express path under /api/incidents; `:id` is the incident, other parameters are fields of the input. */
  path: string;
  summary: Words;
  fields: F;
  /** Fields the service fills from the request (where it came from), never the caller's body. */
  fromServer?: readonly string[];
}

export type Validate<I> = (state: IncidentState, plan: Plan, input: I, now: EpochMs) => Refusal | undefined;
export type Apply<I> = (state: IncidentState, plan: Plan, input: I, now: EpochMs) => NotificationRequest[];

export interface InputRules<I> {
  validate: Validate<I>;
  apply: Apply<I>;
}

/**
 * Any input of the list, its input type forgotten: the workflow and the API treat them all alike. What
 * the update carries is what its rules take, because defineInput made the two together.
 */
export interface AnyInput extends InputContract<Fields>, InputRules<never> {
  // Updates rather than signals: the caller (an approver's browser, the API) needs a truthful answer,
  // accepted or refused and why, and a signal cannot carry one back.
  update: UpdateDefinition<Verdict, [unknown]>;
}

/** An input from its contract and rules; its rules keep their own signatures (tests call them directly). */
export function defineInput<F extends Fields, R extends InputRules<InputOf<F>>>(
  contract: InputContract<F>,
  rules: R,
): InputContract<F> & R & { update: UpdateDefinition<Verdict, [InputOf<F>]> } {
  return { ...contract, ...rules, update: defineUpdate<Verdict, [InputOf<F>]>(contract.name) };
}
