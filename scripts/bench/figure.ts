import type { BenchStack } from './stack';

// One figure of the benchmark: what users feel, measured beside the bare Temporal reference taken in the
// same run, so a noisy machine moves both.

export interface BenchContext {
  stack: BenchStack;
  /** Small N, seconds in all, goals reported but meaningless: `npm test` runs it so the bench never rots. */
  quick: boolean;
  log: (line: string) => void;
}

export interface Measured {
  id: string;
  title: string;
  /** The figure itself: named numbers (ms, per second, MiB, counts). */
  value: Record<string, number>;
  /** The bare-Temporal reference measured in the same run, if the figure has one. */
  reference?: Record<string, number>;
  /** The goal in words, and whether this run met it (null: not judged, e.g. in quick mode). */
  goal: string;
  met: boolean | null;
  notes?: string;
}

export interface Figure {
  id: string;
  title: string;
  goal: string;
  run(ctx: BenchContext): Promise<Omit<Measured, 'id' | 'title' | 'goal'>>;
}
