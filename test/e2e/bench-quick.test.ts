import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/paths';

// `npm run bench -- --quick` in every test run, so the benchmark never rots: it starts its own stack,
// measures every figure with small numbers and writes its report. Nothing here judges speed.

test('the quick benchmark measures every figure beside its reference and writes the report', () => {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/scripts/bench.js'), '--quick'], {
    encoding: 'utf8',
    timeout: 240_000,
    // Its own stack, whatever the test run was given.
    env: { ...process.env, TEMPORAL_ADDRESS: '', DATABASE_URL: '' },
  });
  expect({ status: result.status, stderr: result.stderr.slice(-2000) }).toMatchObject({ status: 0 });
  const report = JSON.parse(
    readFileSync(path.join(repoRoot, '.reports/bench/latest-quick.json'), 'utf8'),
  ) as {
    quick: boolean;
    machine: { cpus: number };
    results: { id: string; value: Record<string, number>; reference?: Record<string, number>; met: null }[];
  };
  expect(report.quick).toBe(true);
  expect(report.machine.cpus).toBeGreaterThan(0);
  const ids = report.results.map((r) => r.id);
  expect(ids).toEqual(expect.arrayContaining(['bare-limit', 'intake', 'input-latency', 'review-replay']));
  for (const r of report.results) {
    expect(Object.values(r.value).every((v) => Number.isFinite(v))).toBe(true);
    expect(r.met).toBeNull(); // quick numbers are too small to judge
  }
  // Each figure with a reference has it from the same run.
  expect(report.results.find((r) => r.id === 'intake')!.reference).toHaveProperty('perSecond');
  expect(result.stdout).toContain('reference (same run)');
});
