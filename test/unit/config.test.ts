import { z } from 'zod';
import { loadApiConfig } from '../../api/config';
import { ConfigError, describeFailure, loadConfigOrExit, parseEnv } from '../../config/env';
import { loadStartConfig } from '../../scripts/start-config';
import { loadWorkerConfig } from '../../worker/config';

type Env = Record<string, string | undefined>;

/** The ConfigError thrown by `fn`; fails the test if it throws nothing or something else. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const loaders: [string, (env: Env) => { DATABASE_URL: string; DATA_DIR: string }][] = [
  ['api', loadApiConfig],
  ['worker', loadWorkerConfig],
  ['npm start', loadStartConfig],
];

const KEY_A = 'ik_aaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'ik_bbbbbbbbbbbbbbbbbbbb';

describe('defaults', () => {
  it('starts the API with nothing set', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      temporal: { address: 'localhost:7233', namespace: 'default' },
      TASK_QUEUE: 'incidents',
      DATA_DIR: './data',
      DATABASE_URL: 'file:./data/app.db',
    });
    expect(config.API_KEYS).toBeUndefined();
    expect(config.PLANS_DIR).toBeUndefined();
  });

  it('starts the worker with nothing set', () => {
    expect(loadWorkerConfig({})).toMatchObject({
      temporal: { address: 'localhost:7233', namespace: 'default' },
      TASK_QUEUE: 'incidents',
      DATA_DIR: './data',
      DATABASE_URL: 'file:./data/app.db',
    });
  });

  it('runs npm start with nothing set, with the embedded Temporal server on its usual ports', () => {
    const config = loadStartConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      DATABASE_URL: 'file:./data/app.db',
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
    });
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.API_KEYS).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadApiConfig({ PORT: '', TEMPORAL_ADDRESS: '', API_KEYS: '', DATA_DIR: '' })).toMatchObject({
      PORT: 3000,
      temporal: { address: 'localhost:7233' },
      DATA_DIR: './data',
    });
  });

  it('ignores variables it does not know', () => {
    const config = loadWorkerConfig({ HOME: '/root', PATH: '/usr/bin', PORT: 'not a port' });
    expect(config).not.toHaveProperty('HOME');
    expect(config).not.toHaveProperty('PORT');
  });
});

describe.each(loaders)('DATABASE_URL for %s', (_name, load) => {
  it('defaults to app.db in DATA_DIR', () => {
    expect(load({ DATA_DIR: '/srv/incidents' }).DATABASE_URL).toBe('file:/srv/incidents/app.db');
  });

  it('does not double a trailing slash of DATA_DIR', () => {
    expect(load({ DATA_DIR: '/srv/incidents/' }).DATABASE_URL).toBe('file:/srv/incidents/app.db');
  });

  it('keeps an explicit DATABASE_URL over the one DATA_DIR would give', () => {
    const config = load({ DATA_DIR: '/srv/incidents', DATABASE_URL: 'file:/var/db/other.db' });
    expect(config.DATABASE_URL).toBe('file:/var/db/other.db');
    expect(config.DATA_DIR).toBe('/srv/incidents');
  });

  it('takes a SQLite file URL or a PostgreSQL URL and refuses anything else, naming the variable', () => {
    expect(load({ DATABASE_URL: 'postgresql://app:pw@db:5432/incidents' }).DATABASE_URL).toBe(
      'postgresql://app:pw@db:5432/incidents',
    );
    const err = configErrorOf(() => load({ DATABASE_URL: 'mysql://db/incidents' }));
    expect(err.problems).toEqual([
      {
        variable: 'DATABASE_URL',
        issue: 'a SQLite file URL such as file:./data/app.db, or postgresql://user:password@host:5432/db',
      },
    ]);
  });
});

describe('PORT', () => {
  it.each([
    ['abc', 'a port number'],
    ['70000', 'a port between 0 and 65535'],
    ['-1', 'a port between 0 and 65535'],
    ['80.5', 'a whole port number'],
  ])('refuses %j with a ConfigError naming PORT', (value, issue) => {
    const err = configErrorOf(() => loadApiConfig({ PORT: value }));
    expect(err.processName).toBe('api');
    expect(err.problems).toEqual([{ variable: 'PORT', issue }]);
    expect(err.message).toBe(`api: bad configuration\n  PORT: ${issue}`);
  });

  it('reads a port number given as text', () => {
    expect(loadApiConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadStartConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it('does not read a PORT of only spaces as port 0 (any free port)', () => {
    let port: number | 'refused';
    try {
      port = loadApiConfig({ PORT: '   ' }).PORT;
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      port = 'refused';
    }
    // Blank means unset (the default) or a refusal; 0 would silently move the API to a random port.
    expect([3000, 'refused']).toContain(port);
  });

  it('refuses a bad TEMPORAL_PORT or TEMPORAL_UI_PORT for npm start, naming each', () => {
    const err = configErrorOf(() => loadStartConfig({ TEMPORAL_PORT: 'x', TEMPORAL_UI_PORT: '99999' }));
    expect(err.problems.map((p) => p.variable)).toEqual(['TEMPORAL_PORT', 'TEMPORAL_UI_PORT']);
    expect(err.message).toMatch(/^npm start: bad configuration\n/);
  });
});

describe('TEMPORAL_ADDRESS', () => {
  it.each(['localhost', 'http://localhost:7233', ':7233', 'localhost:', 'local host:7233'])(
    'refuses %j with a ConfigError naming TEMPORAL_ADDRESS',
    (value) => {
      for (const load of [loadApiConfig, loadWorkerConfig, loadStartConfig]) {
        const err = configErrorOf(() => load({ TEMPORAL_ADDRESS: value }));
        expect(err.problems).toEqual([
          { variable: 'TEMPORAL_ADDRESS', issue: 'host:port, e.g. localhost:7233' },
        ]);
      }
    },
  );

  it('accepts a host name or address with a port', () => {
    expect(loadWorkerConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }).temporal.address).toBe(
      'temporal.internal:7233',
    );
    expect(loadStartConfig({ TEMPORAL_ADDRESS: '10.0.0.5:7233' }).TEMPORAL_ADDRESS).toBe('10.0.0.5:7233');
  });

  it('refuses a TEMPORAL_ADDRESS whose port is beyond 65535, as PORT does', () => {
    const err = configErrorOf(() => loadWorkerConfig({ TEMPORAL_ADDRESS: 'localhost:99999' }));
    expect(err.problems.map((p) => p.variable)).toEqual(['TEMPORAL_ADDRESS']);
  });

  it("gives the worker's health port and shutdown grace defaults, and refuses bad ones by name", () => {
    expect(loadWorkerConfig({})).toMatchObject({ WORKER_PORT: 0, WORKER_SHUTDOWN_GRACE_S: 15 });
    const err = configErrorOf(() =>
      loadWorkerConfig({ WORKER_PORT: '70000', WORKER_SHUTDOWN_GRACE_S: '-1' }),
    );
    expect(err.problems.map((p) => p.variable)).toEqual(['WORKER_PORT', 'WORKER_SHUTDOWN_GRACE_S']);
  });

  it('runs unversioned unless WORKER_BUILD_ID names a build, and refuses a build id or deployment name the server would not take', () => {
    expect(loadWorkerConfig({}).WORKER_BUILD_ID).toBeUndefined();
    expect(loadWorkerConfig({ WORKER_BUILD_ID: '2026.12.02-a1b2c3' })).toMatchObject({
      WORKER_BUILD_ID: '2026.12.02-a1b2c3',
      WORKER_DEPLOYMENT: 'incident-orchestrator',
    });
    const err = configErrorOf(() =>
      loadWorkerConfig({ WORKER_BUILD_ID: 'build 2', WORKER_DEPLOYMENT: 'a.b' }),
    );
    expect(err.problems.map((p) => p.variable)).toEqual(['WORKER_BUILD_ID', 'WORKER_DEPLOYMENT']);
  });
});

describe('API_KEYS', () => {
  it('splits a comma-separated list and trims each key', () => {
    expect(loadApiConfig({ API_KEYS: ` ${KEY_A} ,${KEY_B}, ` }).API_KEYS).toEqual([KEY_A, KEY_B]);
    expect(loadStartConfig({ API_KEYS: KEY_A }).API_KEYS).toEqual([KEY_A]);
  });

  it('refuses a short key, naming API_KEYS rather than the position in the list', () => {
    const err = configErrorOf(() => loadApiConfig({ API_KEYS: `${KEY_A},short` }));
    expect(err.problems).toEqual([{ variable: 'API_KEYS', issue: 'each key at least 16 characters' }]);
  });

  it('refuses a list of nothing but commas and spaces', () => {
    const err = configErrorOf(() => loadApiConfig({ API_KEYS: ' , ,' }));
    expect(err.problems).toEqual([{ variable: 'API_KEYS', issue: 'at least one key' }]);
  });
});

describe('parseEnv', () => {
  it('reports every bad variable in one error', () => {
    const err = configErrorOf(() =>
      loadApiConfig({ PORT: 'abc', TEMPORAL_ADDRESS: 'nowhere', API_KEYS: 'short' }),
    );
    expect(err.problems.map((p) => p.variable).sort()).toEqual(['API_KEYS', 'PORT', 'TEMPORAL_ADDRESS']);
    expect(err.message.split('\n')).toHaveLength(4);
  });

  it('names (environment) for a problem that belongs to no single variable', () => {
    const schema = z.object({ A: z.string().optional() }).refine((e) => e.A !== undefined, 'set A');
    const err = configErrorOf(() => parseEnv('tool', schema, {}));
    expect(err.problems).toEqual([{ variable: '(environment)', issue: 'set A' }]);
  });
});

describe('describeFailure', () => {
  it('joins an error with its chain of causes', () => {
    const err = new Error('cannot start', { cause: new Error('database locked', { cause: { errno: 5 } }) });
    expect(describeFailure(err)).toBe('cannot start: database locked: {"errno":5}');
  });

  it('gives the bare message of an error without a cause', () => {
    expect(describeFailure(new Error('boom'))).toBe('boom');
  });
});

describe('loadConfigOrExit', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('prints a ConfigError and exits with status 2, without a stack trace', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    expect(() => loadConfigOrExit(() => loadApiConfig({ PORT: 'abc' }))).toThrow('exit 2');
    expect(exit).toHaveBeenCalledWith(2);
    expect(written.join('')).toBe('api: bad configuration\n  PORT: a port number\n');
  });

  it('passes other errors through and returns a good config', () => {
    expect(() =>
      loadConfigOrExit(() => {
        throw new TypeError('not config');
      }),
    ).toThrow(TypeError);
    expect(loadConfigOrExit(() => loadWorkerConfig({})).TASK_QUEUE).toBe('incidents');
  });
});
