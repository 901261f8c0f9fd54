import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { BenchContext, Figure, Measured } from './bench/figure';
import { bareLimit } from './bench/figures/bare-limit';
import { decisionVisible } from './bench/figures/decision-visible';
import { hungPeer } from './bench/figures/hung-peer';
import { inputLatency } from './bench/figures/input-latency';
import { intake } from './bench/figures/intake';
import { listQuery } from './bench/figures/list-query';
import { openIncidents } from './bench/figures/open-incidents';
import { reviewReplay } from './bench/figures/review-replay';
import { workerKill } from './bench/figures/worker-kill';
import { startBenchStack } from './bench/stack';
import { repoRoot } from './paths';

// `npm run bench [-- --quick] [--only id,id]`: what users feel, each figure beside the bare-Temporal
// reference measured in the same run, against the embedded stack it starts (or TEMPORAL_ADDRESS and
// DATABASE_URL when given). Prints a table and writes .reports/bench/<time>.json. Speed is never asserted:
// the goals are reported as met or not; --quick (small N, seconds) only proves the benchmark still runs.

// hung-peer late: deliveries it leaves hanging hold worker activity slots until they time out.
// open-incidents last: the worker is still opening its 5,000 incidents long after the figure ends, and any
// figure after it would be measured on that backlog.
const FIGURES: Figure[] = [
  bareLimit,
  intake,
  inputLatency,
  reviewReplay,
  listQuery,
  decisionVisible,
  workerKill,
  hungPeer,
  openIncidents,
];

const fmt = (values: Record<string, number> | undefined) =>
  values === undefined
    ? '—'
    : Object.entries(values)
        .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(1)}`)
        .join(', ');

function table(results: Measured[]): string {
  const rows = results.map((r) => [
    r.title,
    fmt(r.value),
    fmt(r.reference),
    r.goal,
    r.met === null ? '—' : r.met ? 'met' : 'NOT met',
  ]);
  const head = ['figure', 'value', 'reference (same run)', 'goal', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((id) => !FIGURES.some((f) => f.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(
      `bench: no figure ${unknown.join(', ')}; the figures: ${FIGURES.map((f) => f.id).join(', ')}`,
    );
    process.exit(2);
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const log = (line: string) => console.log(`[bench] ${line}`);
  const started = new Date();
  const stack = await startBenchStack(log);
  const ctx: BenchContext = { stack, quick: values.quick, log };
  const results: Measured[] = [];
  try {
    for (const figure of FIGURES.filter((f) => only === undefined || only.includes(f.id))) {
      log(`${figure.id}: ${figure.title}`);
      const t = performance.now();
      const measured = await figure.run(ctx);
      results.push({ id: figure.id, title: figure.title, goal: figure.goal, ...measured });
      log(`${figure.id}: ${fmt(measured.value)} (${Math.round((performance.now() - t) / 1000)} s)`);
    }
  } finally {
    await stack.stop();
  }
  console.log(`\n${table(results)}\n`);
  const dir = path.join(repoRoot, '.reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const report = { started: started.toISOString(), quick: values.quick, machine: machine(), results };
  const file = path.join(
    dir,
    `${started.toISOString().replace(/[:.]/g, '-')}${values.quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    path.join(dir, values.quick ? 'latest-quick.json' : 'latest.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  log(`wrote ${path.relative(repoRoot, file)}`);
}

main().catch((err: unknown) => {
  console.error('bench: failed:', err);
  process.exit(1);
});
