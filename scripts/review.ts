import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { divergenceMessage } from '../api/incident-review';
import { reviewDocument } from '../api/pages/review-page';
import { loadCatalog } from '../plans/catalog';
import { HistoryFileError, incidentHistoryFrom } from '../review/history-file';
import { reviewHistory } from '../review/review-history';
import { reviewMarkdown } from '../review/review-markdown';
import type { Review } from '../review/review-schema';

// `npm run review -- <history.json> [--format html|md|json] [--out file] [--lang zh|en]`: the review of
// an exported history, offline — no Temporal server, no database, no network. The history is replayed
// against this checkout's workflow code. Exit 0: reviewed; 1: the history does not replay against this
// code (the report says where and why); 2: the command or the file cannot be used.

const USAGE = 'usage: npm run review -- <history.json> [--format html|md|json] [--out file] [--lang zh|en]';
const FORMATS = ['html', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

function options(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'html' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'zh' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError('name one history file');
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format: one of ${FORMATS.join(', ')}, not "${values.format}"`);
  }
  if (values.lang !== 'zh' && values.lang !== 'en') {
    throw new UsageError(`--lang: zh or en, not "${values.lang}"`);
  }
  // npm runs the script from the package root; paths are the reader's, from where they typed them.
  const here = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  return {
    file: here(positionals[0]!),
    format: values.format as Format,
    out: values.out === undefined ? undefined : here(values.out),
    lang: values.lang === 'en' ? ('en' as const) : ('zh' as const),
  };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HistoryFileError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HistoryFileError(`${file}: not JSON (${(err as Error).message})`);
  }
}

function render(review: Review, format: Format, lang: 'zh' | 'en'): string {
  if (format === 'json') return `${JSON.stringify(review, null, 2)}\n`;
  if (format === 'md') return reviewMarkdown(review, lang);
  // Written to open anywhere: the stylesheet goes inside the file.
  return reviewDocument(review, lang, { stylesheet: 'inline' });
}

async function main(argv: string[]): Promise<number> {
  const { file, format, out, lang } = options(argv);
  const history = incidentHistoryFrom(readJson(file));
  // The replay worker's own progress and the failing task it reports are not the reader's business:
  // a divergence is in the report, and stated below.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const review = await reviewHistory(history, (planId) => loadCatalog().get(planId));
  const report = render(review, format, lang);
  if (out === undefined) process.stdout.write(report);
  else writeFileSync(out, report);
  const divergence = review.replay.divergence;
  if (divergence) {
    console.error(divergenceMessage(divergence));
    return 1;
  }
  if (out !== undefined) {
    console.error(`reviewed ${review.replay.runs.length} run(s) of incident ${review.incident.id}: ${out}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof HistoryFileError) console.error(err.message);
    else console.error(err);
    process.exitCode = 2;
  },
);
