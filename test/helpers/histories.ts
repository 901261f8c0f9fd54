import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { canonicalJson } from '../../domain/canonical-json';
import {
  ENGINE_CORRECTNESS_PATCH,
  LOCAL_PROJECTION_PATCH,
  STEPWISE_ESCALATION_PATCH,
  OWNER_NOTICES_PATCH,
} from '../../workflows/patches';
import { replayTrace, type Replayed, type ReplayTrace } from './replay-hash';

// Replay fixtures, one folder per generation of workflow code that recorded them
// (test/fixtures/histories/<generation>/), each history in Temporal's JSON history format — what
// `temporal workflow show --output json` prints and historyFromJSON reads — with beside it the trace its
// replay gave when it was recorded (<name>.trace.json) and that trace's hash (<name>.hash).

export type History = temporal.api.history.v1.IHistory;

export const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * The patch markers the histories of each generation carry: a history that opens an incident carries
 * exactly these, a continued run (which calls no patched() for what its first run decided) a subset.
 * A new generation is one line here, added before recording into it.
 */
export const GENERATION_PATCHES: Record<string, readonly string[]> = {
  '1-before-owner-notices': [],
  '2-owner-notices': [OWNER_NOTICES_PATCH],
  '3-engine-correctness': [OWNER_NOTICES_PATCH, ENGINE_CORRECTNESS_PATCH],
  '4-local-projection': [OWNER_NOTICES_PATCH, ENGINE_CORRECTNESS_PATCH, LOCAL_PROJECTION_PATCH],
  '5-stepwise-escalation': [
    OWNER_NOTICES_PATCH,
    ENGINE_CORRECTNESS_PATCH,
    LOCAL_PROJECTION_PATCH,
    STEPWISE_ESCALATION_PATCH,
  ],
};

const HISTORY = '.history.json';
const TRACE = '.trace.json';
const HASH = '.hash';
const GENERATION = /^\d+-[a-z0-9][a-z0-9-]*$/;

export interface HistoryFixture {
  generation: string;
  name: string;
  /** generation/name: how reports name the fixture. */
  id: string;
  history: History;
  /** The trace and hash kept when it was recorded (undefined if missing: the replay test says so). */
  trace?: ReplayTrace;
  hash?: string;
}

export const readHistoryJson = (file: string): History =>
  historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));

/** Generation folders, oldest first (by their leading number). */
export function generations(): string[] {
  return readdirSync(historiesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function recordedHistories(): HistoryFixture[] {
  return generations().flatMap((generation) => {
    const dir = path.join(historiesDir, generation);
    return readdirSync(dir)
      .filter((f) => f.endsWith(HISTORY))
      .sort()
      .map((f) => {
        const name = f.slice(0, -HISTORY.length);
        const at = (suffix: string) => path.join(dir, `${name}${suffix}`);
        return {
          generation,
          name,
          id: `${generation}/${name}`,
          history: readHistoryJson(at(HISTORY)),
          ...(existsSync(at(TRACE))
            ? { trace: JSON.parse(readFileSync(at(TRACE), 'utf8')) as ReplayTrace }
            : {}),
          ...(existsSync(at(HASH)) ? { hash: readFileSync(at(HASH), 'utf8').trim() } : {}),
        };
      });
  });
}

/** Patch ids of the patched() markers in a history, in order. */
export function patchesOf(history: History): string[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') return [];
    const data = marker.details?.['patch-data']?.payloads?.[0]?.data;
    if (!data) return [];
    return [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id];
  });
}

/** A continued run starts from the state its predecessor carried over, not from an incident's intake. */
export const isContinuedRun = (history: History): boolean =>
  Boolean(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId);

/** The history of every run of a workflow, first to last, following its continue-as-new chain. */
export async function fetchRunHistories(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<History[]> {
  const runs: History[] = [];
  for (let runId: string | null | undefined = firstRunId; runId; ) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push(history);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return runs;
}

/** What is wrong with a history's patch markers for its generation, if anything. */
export function markerProblem(generation: string, history: History): string | undefined {
  const expected = GENERATION_PATCHES[generation];
  if (expected === undefined) {
    return `generation ${generation} has no row in GENERATION_PATCHES (test/helpers/histories.ts)`;
  }
  const found = [...new Set(patchesOf(history))].sort();
  const want = [...expected].sort();
  const unexpected = found.filter((p) => !want.includes(p));
  const missing = isContinuedRun(history) ? [] : want.filter((p) => !found.includes(p));
  if (unexpected.length === 0 && missing.length === 0) return undefined;
  return `patch markers [${found.join(', ')}], expected [${want.join(', ')}]${isContinuedRun(history) ? ' or fewer (a continued run)' : ''}`;
}

/**
 * The generation RECORD_HISTORIES asks to record into, if any: a folder name such as
 * 3-engine-correctness (number, dash, what that code changed).
 */
export function recordingGeneration(): string | undefined {
  const generation = process.env.RECORD_HISTORIES;
  if (generation === undefined || generation === '') return undefined;
  if (!GENERATION.test(generation)) {
    throw new Error(
      `RECORD_HISTORIES names the generation folder to record into, such as 3-engine-correctness; got "${generation}"`,
    );
  }
  return generation;
}

/**
 * The replay fixtures for an incident's runs: `<name>`, or `<name>.run1`, `.run2`… when it continued as
 * new. Each history goes through Temporal's JSON format and back, as the replay layer will read it, and
 * is replayed against the code that ran it, which must explain it. With RECORD_HISTORIES=<generation>
 * they are written, each with its trace and hash, into that generation's folder, replacing whatever
 * was kept under the name before. Returns the replays, in run order.
 */
export async function keepHistories(
  workflowBundle: WorkflowBundleWithSourceMap,
  name: string,
  runs: History[],
): Promise<Replayed[]> {
  const names = runs.length === 1 ? [name] : runs.map((_, i) => `${name}.run${i + 1}`);
  const kept: { name: string; json: string; replayed: Replayed }[] = [];
  for (const [i, history] of runs.entries()) {
    const runName = names[i]!;
    const json = historyToJSON(history);
    const replayed = await replayTrace(workflowBundle, runName, historyFromJSON(JSON.parse(json)));
    if (replayed.trace.events.length === 0 || replayed.trace.final === null) {
      throw new Error(
        `${runName}: its replay traced ${replayed.trace.events.length} stored events and no end`,
      );
    }
    kept.push({ name: runName, json, replayed });
  }
  const generation = recordingGeneration();
  if (generation !== undefined) {
    for (const [i, history] of runs.entries()) {
      const problem = markerProblem(generation, history);
      if (problem) throw new Error(`${names[i]} does not belong in generation ${generation}: ${problem}`);
    }
    forgetFixtures(generation, name);
    for (const k of kept) writeFixture(generation, k.name, k.json, k.replayed);
  }
  return kept.map((k) => k.replayed);
}

export async function keepHistory(
  workflowBundle: WorkflowBundleWithSourceMap,
  name: string,
  history: History,
): Promise<Replayed> {
  const [replayed] = await keepHistories(workflowBundle, name, [history]);
  return replayed!;
}

/** Removes what a generation keeps under a name, run by run too, so a re-recording leaves nothing stale. */
function forgetFixtures(generation: string, name: string): void {
  const dir = path.join(historiesDir, generation);
  if (!existsSync(dir)) return;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mine = new RegExp(`^${escaped}(\\.run\\d+)?(\\.history\\.json|\\.trace\\.json|\\.hash)$`);
  for (const f of readdirSync(dir)) if (mine.test(f)) rmSync(path.join(dir, f));
}

function writeFixture(generation: string, name: string, historyJson: string, replayed: Replayed): void {
  const dir = path.join(historiesDir, generation);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}${HISTORY}`), `${historyJson}\n`);
  const trace = JSON.stringify(JSON.parse(canonicalJson(replayed.trace)), null, 2);
  writeFileSync(path.join(dir, `${name}${TRACE}`), `${trace}\n`);
  writeFileSync(path.join(dir, `${name}${HASH}`), `${replayed.hash}\n`);
}
