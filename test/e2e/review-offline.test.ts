import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/paths';
import { historiesDir } from '../helpers/histories';
import { exportOf } from '../helpers/recorded-reviews';

// `npm run review` as a reviewer runs it on a file exported days ago: nothing of the service running.
// The command runs in a network namespace of its own (no Temporal server, no database, no network can
// be reached) with no service settings in its environment.

const dir = mkdtempSync(path.join(tmpdir(), 'review-offline-'));
const fixture = (name: string) => path.join(historiesDir, '3-engine-correctness', `${name}.history.json`);

/** The built command, cut off from every network. */
function review(args: string[]) {
  const result = spawnSync(
    'unshare',
    ['--map-root-user', '--net', process.execPath, path.join(repoRoot, 'dist/scripts/review.js'), ...args],
    { env: { PATH: process.env.PATH ?? '', HOME: dir }, encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('reviews an exported incident of several runs into a page that needs nothing else, with no network at all', () => {
  const file = path.join(dir, 'continued.json');
  writeFileSync(file, JSON.stringify(exportOf('3-engine-correctness', 'scenario-continue-as-new')));
  const out = path.join(dir, 'continued.html');

  const { code, stderr } = review([file, '--out', out]);
  expect({ code, stderr }).toEqual({
    code: 0,
    stderr: expect.stringContaining('reviewed 5 run(s)') as string,
  });
  const page = readFileSync(out, 'utf8');
  expect(page).toMatch(/^<!doctype html>/i);
  expect(page).toContain('<style>');
  expect(page).not.toMatch(/<script|<link |src="http|href="\/assets/);
  expect(page).toContain('测试舆情');
});

test('writes the review as JSON and Markdown too, and a breach with how late it was', () => {
  const json = review([fixture('scenario-breach'), '--format', 'json']);
  expect(json.code).toBe(0);
  const body = JSON.parse(json.stdout) as {
    replay: { consistent: boolean };
    findings: { lateReports: { stepId: string; lateByMs: number }[] };
  };
  expect(body.replay.consistent).toBe(true);
  expect(body.findings.lateReports).toEqual([
    expect.objectContaining({ stepId: 'oral-report', lateByMs: 600_003 }),
  ]);

  const md = review([fixture('scenario-breach'), '--format', 'md']);
  expect(md.code).toBe(0);
  expect(md.stdout).toContain('口头报告');
  expect(md.stdout).toContain('10 分钟');
});

test('exits 1 on a history the code does not replay, saying which event and why, and 2 on a command it cannot use', () => {
  const history = JSON.parse(readFileSync(fixture('scenario-breach'), 'utf8')) as { events: unknown[] };
  const edited = path.join(dir, 'edited.json');
  writeFileSync(edited, JSON.stringify({ events: history.events.filter((_, i) => i !== 12) }));
  const diverged = review([edited, '--out', path.join(dir, 'edited.html')]);
  expect(diverged.code).toBe(1);
  expect(diverged.stderr).toMatch(/does not replay against this code: run 1 \(.+\) at event \d+/);
  expect(readFileSync(path.join(dir, 'edited.html'), 'utf8')).toContain('测试舆情');

  const badFormat = review([fixture('scenario-breach'), '--format', 'pdf']);
  expect(badFormat.code).toBe(2);
  expect(badFormat.stderr).toContain('--format: one of html, md, json');
  const notJson = path.join(dir, 'not.json');
  writeFileSync(notJson, 'not json');
  const unreadable = review([notJson]);
  expect(unreadable.code).toBe(2);
  expect(unreadable.stderr).toContain('not JSON');
  const nothing = review([]);
  expect(nothing.code).toBe(2);
  expect(nothing.stderr).toContain('usage: npm run review');
});
