import { z } from 'zod';
import { Plan } from '../domain/plan-schema';

/** JSON Schema of the plan format for editors, generated from the zod schema (never written by hand). */
export function planJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Plan, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://incident-orchestrator.local/plan.schema.json',
    title: 'Incident response plan',
  };
}

export const planJsonSchemaText = (): string => `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
