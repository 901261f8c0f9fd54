import { once } from 'node:events';
import type { PrismaClient } from '@prisma/client';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { Response } from 'express';
import { historyFacts, type History } from '../review/history-facts';
import type { IncidentHistory } from '../review/history-file';
import { getIncidentRow } from '../storage/incident-list';
import { incidentWorkflowId } from '../workflows/messages';
import { HttpError } from './errors';

// An incident's workflow history, every run of its continue-as-new chain, read from the Temporal server
// page by page: streamed out as the history export, or gathered for a review.

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

interface Source {
  client: Client;
  prisma: PrismaClient;
}

/** The 404 for a history the server does not have: an unknown incident, or one whose history is gone. */
async function notFound(prisma: PrismaClient, incidentId: string, err: unknown): Promise<HttpError> {
  const known = await getIncidentRow(prisma, incidentId);
  return new HttpError(
    404,
    'not-found',
    known
      ? `the workflow history of incident ${incidentId} is no longer on the Temporal server ` +
        '(deleted, or past the namespace retention period); only its stored projection remains'
      : `no incident ${incidentId}`,
    [],
    { cause: err },
  );
}

async function* pages(client: Client, workflowId: string, runId: string): AsyncGenerator<HistoryEvent[]> {
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    yield page.history?.events ?? [];
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

/**
 * Every run of a workflow's continue-as-new chain, first to last, read from the latest run backwards:
 * `read` gives what is kept of a run and the run it continues.
 */
async function runChain<T>(
  { client, prisma }: Source,
  incidentId: string,
  read: (workflowId: string, runId: string) => Promise<{ kept: T; continues: string | undefined }>,
): Promise<T[]> {
  const workflowId = incidentWorkflowId(incidentId);
  try {
    const latest = await client.workflow.getHandle(workflowId).describe();
    const chain: T[] = [];
    for (let runId: string | undefined = latest.runId; runId; ) {
      const { kept, continues } = await read(workflowId, runId);
      chain.unshift(kept);
      runId = continues;
    }
    return chain;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await notFound(prisma, incidentId, err);
    throw err;
  }
}

const eventsJson = (events: HistoryEvent[]): string[] =>
  (JSON.parse(historyToJSON({ events })) as { events: unknown[] }).events.map((e) => JSON.stringify(e));

/**
 * Streams the history export: `{ workflowId, incidentId, runs: [{ runId, history: { events } }] }`, each
 * run's history in Temporal's JSON history format. Problems found before the first byte are answered
 * as errors; one after it cuts the response short, so a partial file never looks whole.
 */
export async function streamHistory(source: Source, incidentId: string, res: Response): Promise<void> {
  // Only each run's first event is read here, for the run before it: the runs are streamed below.
  const chain = await runChain(source, incidentId, async (workflowId, runId) => {
    const first = await source.client.workflowService.getWorkflowExecutionHistory({
      namespace: source.client.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: 1,
    });
    const started = first.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    return { kept: runId, continues: started?.continuedExecutionRunId ?? undefined };
  });
  const workflowId = incidentWorkflowId(incidentId);
  res.set({
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="incident-${incidentId}-history.json"`,
    'Cache-Control': 'no-store',
  });
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await once(res, 'drain');
  };
  try {
    await write(
      `{"workflowId":${JSON.stringify(workflowId)},"incidentId":${JSON.stringify(incidentId)},"runs":[`,
    );
    for (const [i, runId] of chain.entries()) {
      await write(`${i > 0 ? ',' : ''}\n{"runId":${JSON.stringify(runId)},"history":{"events":[`);
      let first = true;
      for await (const events of pages(source.client, workflowId, runId)) {
        if (events.length === 0) continue;
        await write(`${first ? '' : ','}\n${eventsJson(events).join(',\n')}`);
        first = false;
      }
      await write(']}}');
    }
    res.end('\n]}\n');
  } catch (err) {
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}

/** The whole history of an incident, for a review: each run read once, whole. */
export function incidentHistory(source: Source, incidentId: string): Promise<IncidentHistory> {
  return runChain(source, incidentId, async (workflowId, runId) => {
    const events: HistoryEvent[] = [];
    for await (const page of pages(source.client, workflowId, runId)) events.push(...page);
    const history: History = { events };
    const facts = historyFacts(history);
    return { kept: { facts, history }, continues: facts.continues };
  }).then((runs) => ({ workflowId: incidentWorkflowId(incidentId), runs }));
}
