import { readFileSync } from 'node:fs';

// The few statistics the benchmark reports: percentiles by nearest rank (a figure is one of the samples,
// never an interpolation) and rates.

/** The p-th percentile (0–100) of `samples` by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(samples: readonly number[]): Latency {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  };
}

/** Milliseconds since `start` (from performance.now()), to a tenth. */
export const since = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

/**
 * Runs `task(i)` for i in [0, n) with at most `concurrency` at once; returns each one's latency (ms) and
 * the whole run's rate per second.
 */
export async function load(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const t = performance.now();
      await task(i);
      latencies.push(since(t));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { latencies, perSecond: Math.round((n / ((performance.now() - start) / 1000)) * 10) / 10 };
}

/** Resident memory of a process, from /proc (Linux), in MiB; undefined elsewhere or once it is gone. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}
