import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';

// Histories are kept as binary protobuf, encoded and decoded by @temporalio/proto itself: the SDK's
// JSON helper trips over the two protobufjs copies npm installs for 1.24 ("type must be a Type").
type History = temporal.api.history.v1.History;
const { History } = temporal.api.history.v1;

export const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories');
const SUFFIX = '.history.pb';

/**
 * Keeps a scenario's history as a replay fixture when RECORD_HISTORIES=1 (after a deliberate,
 * patched() change of workflow logic; the replay layer then guards running incidents against the next).
 */
export function maybeRecordHistory(name: string, history: temporal.api.history.v1.IHistory): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  writeFileSync(path.join(historiesDir, `${name}${SUFFIX}`), History.encode(history).finish());
}

export function recordedHistories(): { name: string; history: History }[] {
  return readdirSync(historiesDir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => ({
      name: f.slice(0, -SUFFIX.length),
      history: History.decode(readFileSync(path.join(historiesDir, f))),
    }));
}
