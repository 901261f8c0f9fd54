import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { historiesDir, recordedHistories } from '../helpers/histories';

// The fixtures are Temporal's JSON history format, the one `temporal workflow show --output json` prints
// and historyFromJSON reads (it needs the one protobufjs copy package.json pins). A history fetched from
// a server, written this way, reads back and replays: test/workflow/recorded-scenarios.test.ts.

const { History } = temporal.api.history.v1;
const bytes = (history: temporal.api.history.v1.IHistory) => Buffer.from(History.encode(history).finish());

describe("replay fixtures in Temporal's JSON history format", () => {
  test.each(recordedHistories().map((h) => [h.id, h.generation, h.name] as const))(
    '%s round-trips: JSON → historyFromJSON → historyToJSON → historyFromJSON gives the same events',
    (_id, generation, name) => {
      const text = readFileSync(path.join(historiesDir, generation, `${name}.history.json`), 'utf8');
      const parsed = JSON.parse(text) as { events: { eventId: string; eventType: string }[] };
      expect(Object.keys(parsed)).toEqual(['events']);
      expect(parsed.events[0]).toMatchObject({
        eventId: '1',
        eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      });

      const once = historyFromJSON(parsed);
      const written = historyToJSON(once);
      const twice = historyFromJSON(JSON.parse(written));
      expect(twice.events).toHaveLength(parsed.events.length);
      expect(bytes(twice).equals(bytes(once))).toBe(true);
      // The file is exactly what the SDK writes, so a re-recording changes only what really changed.
      expect(written).toBe(text.trimEnd());
    },
  );
});
