import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planJsonSchema, planJsonSchemaText } from '../../plans/plan-json-schema';

describe('plan JSON Schema for editors', () => {
  test('the committed plans/plan.schema.json is the one the zod schema generates (npm run plans:schema)', () => {
    const committed = readFileSync(path.join(__dirname, '../../plans/plan.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(planJsonSchema());
  });

  test('describes step kinds and the deadline forms', () => {
    const text = planJsonSchemaText();
    for (const kind of ['task', 'approval', 'notify', 'monitor', 'review'])
      expect(text).toContain(`"const": "${kind}"`);
    expect(text).toContain('"workingHours"');
    expect(text).toContain('"stepDone"');
  });
});
