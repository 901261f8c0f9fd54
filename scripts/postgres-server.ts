import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A throwaway PostgreSQL cluster on loopback for the storage tests, from Debian's packages
// (toolchain/setup.sh installs them when absent). PostgreSQL refuses to run as root, so under root the
// cluster belongs to the `postgres` user that the Debian package creates.

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** A fresh, empty database on this server, as a URL. */
  createDatabase(name: string): string;
  /** Stops the server as an operator's restart does (clients cut off), keeps it down `downMs`, starts it on the same data. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: run `bash toolchain/setup.sh` (installs Debian postgresql)',
    );
  }
  return path.join(root, versions[0]!, 'bin');
}

/** Under root: the uid and gid of the `postgres` user, for every PostgreSQL program we start. */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root and no `postgres` user exists');
  return { uid, gid: id('-g') };
}

function run(bin: string, args: string[]): void {
  const result = spawnSync(bin, args, { encoding: 'utf8', ...postgresUser() });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
  }
}

export async function startPostgres(port: number): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-'));
  chmodSync(dir, 0o700);
  const user = postgresUser();
  if ('uid' in user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    // A test cluster: durability of the cluster itself is not under test, speed is welcome.
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
  ];
  const ready = () =>
    spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'])
      .status === 0;
  const postmaster = async () => {
    const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...user,
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    while (!ready()) {
      if (child.exitCode !== null) throw new Error(`postgres exited at start: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, stop promptly.
    return async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    };
  };
  let stopPostmaster = await postmaster();

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart(downMs) {
      await stopPostmaster();
      await new Promise((r) => setTimeout(r, downMs));
      stopPostmaster = await postmaster();
    },
    async stop() {
      await stopPostmaster();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
