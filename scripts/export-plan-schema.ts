import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { planJsonSchemaText } from '../plans/plan-json-schema';
import { repoRoot } from './paths';

// `npm run plans:schema`: rewrites plans/plan.schema.json after a change to plans/plan-schema.ts.
const file = path.join(repoRoot, 'plans', 'plan.schema.json');
writeFileSync(file, planJsonSchemaText());
console.log(`wrote ${path.relative(repoRoot, file)}`);
