import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file whether it runs from source (tests) or from dist/. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot(__dirname);
/** Stable links made by toolchain/setup.sh to the pinned versions in toolchain/versions.env. */
export const temporalCli = path.join(repoRoot, '.tools', 'bin', 'temporal');
export const temporalTestServer = path.join(repoRoot, '.tools', 'bin', 'temporal-test-server');
/** The full server and its SQL tool (toolchain/setup-cluster.sh builds them when a cluster is wanted). */
export const temporalServer = path.join(repoRoot, '.tools', 'bin', 'temporal-server');
export const temporalSqlTool = path.join(repoRoot, '.tools', 'bin', 'temporal-sql-tool');
export const prismaScript = path.join(repoRoot, 'toolchain', 'prisma.sh');
