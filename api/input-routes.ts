import { z } from 'zod';
import type { Actor } from '../domain/incident';
import { inputs } from '../inputs';
import type { AnyInput } from '../inputs/define-input';
import { contractKit } from '../inputs/input-schema';
import { ActorInBody } from './acting-person';
import { parseOr400 } from './errors';
import { IncidentParams } from './schemas';

// Every human input as the API serves it, built from the one list: the fields its path carries are
// path parameters, the rest and the actor are the body, and the workflow receives them merged.

export interface ParsedInput {
  incidentId: string;
  /** The actor as the body named it, before the key has had its say. */
  actor: ActorInBody;
  /** The workflow input, once the actor is known. */
  withActor(actor: Actor): unknown;
}

export interface InputRoute {
  input: AnyInput;
  /** Path parameters: the incident id and the fields named in the path. */
  params: z.ZodObject;
  /** The body as callers send it: the other fields and the actor (its id optional with a person's key). */
  body: z.ZodObject;
  /** Parses the path and the body (400 naming the field) into the input, but for the actor. */
  parse(params: unknown, body: unknown): ParsedInput;
}

export function inputRoute(input: AnyInput): InputRoute {
  const fields = input.fields(contractKit);
  const inPath = [...input.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((name) => name !== 'id');
  const missing = inPath.filter((name) => !Object.hasOwn(fields, name));
  if (missing.length > 0)
    throw new Error(`input ${input.name}: path names ${missing.join(', ')}, not a field`);
  const fromPath = Object.fromEntries(inPath.map((name) => [name, fields[name]!]));
  const fromServer = input.fromServer ?? [];
  const inBody = Object.fromEntries(
    Object.entries(fields).filter(([name]) => !inPath.includes(name) && !fromServer.includes(name)),
  );
  const params = z.strictObject({ id: IncidentParams.shape.id, ...fromPath });
  const body = z.strictObject({ actor: ActorInBody, ...inBody });
  return {
    input,
    params,
    body,
    parse: (rawParams, rawBody) => {
      const { id, ...pathFields } = parseOr400(params, rawParams, 'path');
      const parsed = parseOr400(body, rawBody, 'request body');
      return {
        incidentId: id,
        actor: parsed.actor,
        withActor: (actor) => ({ ...parsed, ...pathFields, actor }),
      };
    },
  };
}

export const inputRoutes: InputRoute[] = inputs.map(inputRoute);
