import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * Keeps a scenario's history as a replay fixture when RECORD_HISTORIES=1 (run after a deliberate,
 * patched() change of workflow logic; the replay layer then guards running incidents against the next one).
 */
export function maybeRecordHistory(name: string, history: temporal.api.history.v1.IHistory): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  writeFileSync(
    path.join(historiesDir, `${name}.json`),
    historyToJSON(history as temporal.api.history.v1.History),
  );
}
