import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/paths';

// The fence in eslint.config.mjs, run on snippets placed at paths the workflow bundle may load. ESLint
// loads its flat config with a dynamic import(), which Jest's module sandbox refuses, so one plain Node
// process runs one ESLint instance over every snippet. Only the fence's two rules run, without type
// information: the snippets live at paths no tsconfig knows.
const lintScript = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const eslint = new ESLint({
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-globals',
  });
  const found = [];
  for (const { code, filePath } of JSON.parse(input)) {
    const [result] = await eslint.lintText(code, { filePath });
    found.push(result.messages.map((m) => m.ruleId ?? 'fatal: ' + m.message));
  }
  process.stdout.write(JSON.stringify(found));
});
`;

interface Snippet {
  behaviour: string;
  at: string;
  code: string;
  blocked: boolean;
}

const snippets: Snippet[] = [
  // zod: its types are fine anywhere, its runtime nowhere in the fence, at any depth.
  ...['inputs/x/rules.ts', 'engine/deep/nested/x.ts', 'domain/x.ts', 'workflows/deep/x.ts'].flatMap(
    (at): Snippet[] => [
      {
        behaviour: `a value import of zod in ${at}`,
        at,
        code: "import { z } from 'zod';\nexport const s = z.string();\n",
        blocked: true,
      },
      {
        behaviour: `a type import of zod in ${at}`,
        at,
        code: "import type { z } from 'zod';\nexport type S = z.ZodString;\n",
        blocked: false,
      },
    ],
  ),
  {
    behaviour: 'an inline type import of zod',
    at: 'engine/x.ts',
    code: "import { type z } from 'zod';\nexport type S = z.ZodString;\n",
    blocked: false,
  },
  {
    behaviour: 'a value import of a zod subpath',
    at: 'engine/x.ts',
    code: "import { z } from 'zod/v4';\nexport const s = z.string();\n",
    blocked: true,
  },
  {
    behaviour: 'an input contract that takes the zod kit as a type',
    at: 'inputs/x/contract.ts',
    code: "import type { ContractKit } from '../input-schema';\nexport const contract = (k: ContractKit) => k;\n",
    blocked: false,
  },
  // *-schema modules load zod at run time: their types only.
  {
    behaviour: 'a value import of the plan schema from engine/',
    at: 'engine/x.ts',
    code: "import { Plan } from '../domain/plan-schema';\nexport const p = Plan;\n",
    blocked: true,
  },
  {
    behaviour: 'a value import of the plan schema deep in engine/',
    at: 'engine/deep/nested/x.ts',
    code: "import { Plan } from '../../../domain/plan-schema';\nexport const p = Plan;\n",
    blocked: true,
  },
  {
    behaviour: 'a value import of the plan schema beside it in domain/',
    at: 'domain/x.ts',
    code: "import { Plan } from './plan-schema';\nexport const p = Plan;\n",
    blocked: true,
  },
  {
    behaviour: 'a value import of the input kit from an input',
    at: 'inputs/x/rules.ts',
    code: "import { contractKit } from '../input-schema';\nexport const k = contractKit;\n",
    blocked: true,
  },
  {
    behaviour: 'a type import of the plan schema',
    at: 'engine/deep/nested/x.ts',
    code: "import type { Plan } from '../../../domain/plan-schema';\nexport type P = Plan;\n",
    blocked: false,
  },
  // Node and the rest of the service.
  {
    behaviour: 'a Node built-in by its node: name',
    at: 'domain/x.ts',
    code: "import fs from 'node:fs';\nexport const f = fs;\n",
    blocked: true,
  },
  {
    behaviour: 'a Node built-in by its bare name',
    at: 'inputs/x/rules.ts',
    code: "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n",
    blocked: true,
  },
  {
    behaviour: 'reading the environment',
    at: 'engine/deep/x.ts',
    code: 'export const home = process.env.HOME;\n',
    blocked: true,
  },
  {
    behaviour: 'a Temporal package other than workflow and common',
    at: 'inputs/x/rules.ts',
    code: "import { Worker } from '@temporalio/worker';\nexport const w = Worker;\n",
    blocked: true,
  },
  {
    behaviour: 'the workflow SDK',
    at: 'inputs/x/index.ts',
    code: "import { defineUpdate } from '@temporalio/workflow';\nexport const u = defineUpdate('u');\n",
    blocked: false,
  },
  ...['activities', 'api', 'storage', 'config', 'worker', 'notifications', 'links', 'plans'].map(
    (folder): Snippet => ({
      behaviour: `a value import from ${folder}/`,
      at: 'engine/deep/x.ts',
      code: `import { thing } from '../../${folder}/thing';\nexport const t = thing;\n`,
      blocked: true,
    }),
  ),
  {
    behaviour: 'a type import from activities/',
    at: 'workflows/x.ts',
    code: "import type { StorageActivities } from '../activities/storage';\nexport type S = StorageActivities;\n",
    blocked: false,
  },
  // The zod-loading modules themselves, and code outside the fence.
  {
    behaviour: 'the input kit itself loading zod',
    at: 'inputs/input-schema.ts',
    code: "import { z } from 'zod';\nexport const s = z.string();\n",
    blocked: false,
  },
  {
    behaviour: 'the plan schema itself loading zod',
    at: 'domain/plan-schema.ts',
    code: "import { z } from 'zod';\nexport const s = z.string();\n",
    blocked: false,
  },
  {
    behaviour: 'the API loading zod',
    at: 'api/x.ts',
    code: "import { z } from 'zod';\nexport const s = z.string();\n",
    blocked: false,
  },
];

let rulesHit: string[][];

beforeAll(() => {
  const input = snippets.map(({ code, at }) => ({ code, filePath: path.join(repoRoot, at) }));
  const output = execFileSync(process.execPath, ['-e', lintScript], {
    cwd: repoRoot,
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  rulesHit = JSON.parse(output) as string[][];
});

test.each(snippets.map((s, i) => [s.behaviour, s.blocked, i] as const))(
  'the purity fence: %s (blocked: %s)',
  (_behaviour, blocked, i) => {
    const hit = rulesHit[i]!;
    if (blocked) {
      expect(hit.length).toBeGreaterThan(0);
      expect(hit.every((rule) => rule.startsWith('no-restricted-'))).toBe(true);
    } else {
      expect(hit).toEqual([]);
    }
  },
);
