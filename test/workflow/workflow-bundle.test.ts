import { builtinModules } from 'node:module';
import { dependencies } from '../../package.json';
import { bundleIncidentWorkflows } from '../helpers/time-skipping';

// What the worker really caches per workflow, checked after webpack has followed every import: the lint
// fence (test/unit/purity-fence.test.ts) sees one import at a time, this sees where they lead. The
// bundle names each module it holds in a `/***/ "<module id>"` header (project files as ./<path>,
// packages as ./node_modules/<package>/...) and each module it left out as `*** <request> (ignored) ***`.

const FENCED_FOLDERS = ['workflows', 'engine', 'inputs', 'domain'];
const SDK_PACKAGES = ['@temporalio/workflow', '@temporalio/common'];

let moduleIds: string[];
let ignored: string[];
let code: string;

beforeAll(async () => {
  ({ code } = await bundleIncidentWorkflows());
  moduleIds = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1]!);
  ignored = [...code.matchAll(/!\*\*\* (\S+) \(ignored\) \*\*\*!/g)].map((m) => m[1]!);
});

function packageOf(id: string): string {
  const parts = id.slice('./node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

test('the bundle names the modules it holds, the incident workflow among them', () => {
  expect(moduleIds).toContain('./workflows/incident-workflow.ts');
  expect(moduleIds).toContain('./node_modules/@temporalio/workflow/lib/index.js');
});

test('the workflow bundle holds no zod', () => {
  expect(moduleIds.filter((id) => id.includes('node_modules/zod/'))).toEqual([]);
  expect(code).not.toMatch(/node_modules\/zod\//);
});

test('the workflow bundle holds project modules from the fenced folders only, and no *-schema module', () => {
  const project = moduleIds.filter((id) => id.startsWith('./') && !id.startsWith('./node_modules/'));
  const outside = project.filter((id) => !FENCED_FOLDERS.some((folder) => id.startsWith(`./${folder}/`)));
  expect(outside).toEqual([]);
  expect(project.filter((id) => /-schema\.ts$/.test(id))).toEqual([]);
});

test('the workflow bundle holds none of the service packages but the workflow SDK', () => {
  const bundled = new Set(moduleIds.filter((id) => id.startsWith('./node_modules/')).map(packageOf));
  const service = Object.keys(dependencies).filter((name) => !SDK_PACKAGES.includes(name));
  expect(service.filter((name) => bundled.has(name))).toEqual([]);
});

test('the workflow bundle holds no Node built-in, not even as an ignored stub', () => {
  const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  expect(moduleIds.filter((id) => builtins.has(id) || id.startsWith('node:'))).toEqual([]);
  // Only the SDK's own optional converters may be stubbed out.
  expect(ignored.filter((request) => !request.startsWith('__temporal_custom_'))).toEqual([]);
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  expect(required.filter((request) => builtins.has(request))).toEqual([]);
});
