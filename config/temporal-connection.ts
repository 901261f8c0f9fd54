import { accessSync, constants } from 'node:fs';
import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ConfigError, hostPort } from './env';

// How the API and the worker reach Temporal, read the way Temporal's own tools read it
// (@temporalio/envconfig): the profile named by TEMPORAL_PROFILE (else "default") of the TOML file
// TEMPORAL_CONFIG_FILE (else ~/.config/temporalio/temporal.toml, the `temporal` CLI's), overridden by
// TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY and TEMPORAL_TLS*. Nothing set: the local server.

export interface TemporalConnection {
  address: string;
  namespace: string;
  /** For NativeConnection.connect and Connection.connect alike: address, TLS, API key, gRPC metadata. */
  options: Pick<NativeConnectionOptions, 'address' | 'tls' | 'apiKey' | 'metadata'>;
  /** For a log line: where and how, never the key or the certificates themselves. */
  described: string;
}

const BOOLEANS = ['TEMPORAL_TLS', 'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION'] as const;
const FILES = [
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
] as const;

/** The settings for `processName`, or a ConfigError naming each setting that is wrong and why. */
export function loadTemporalConnection(
  processName: string,
  env: Record<string, string | undefined>,
): TemporalConnection {
  // Blank means unset, as for every other variable.
  const set = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''),
  );
  const problems: { variable: string; issue: string }[] = [];
  for (const name of BOOLEANS) {
    const value = set[name];
    // envconfig reads anything but 1/true as false: a typo would silently turn TLS off.
    if (value !== undefined && !['1', '0', 'true', 'false'].includes(value))
      problems.push({ variable: name, issue: 'true or false' });
  }
  for (const name of FILES) {
    const file = set[name];
    if (file === undefined) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      problems.push({ variable: name, issue: `cannot read ${file}` });
    }
  }
  if (
    set.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION &&
    ['1', 'true'].includes(set.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION)
  )
    problems.push({
      variable: 'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
      issue:
        'not supported by the TypeScript SDK; set TEMPORAL_TLS_SERVER_NAME to the name the certificate holds',
    });
  if (problems.length > 0) throw new ConfigError(processName, problems);

  let profile: ReturnType<typeof loadClientConfigProfile>;
  try {
    profile = loadClientConfigProfile({ overrideEnvVars: set });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const variable = /^Profile '/.test(message) ? 'TEMPORAL_PROFILE' : 'TEMPORAL_CONFIG_FILE';
    throw new ConfigError(processName, [{ variable, issue: message }]);
  }
  const address = profile.address ?? 'localhost:7233';
  const parsed = hostPort.safeParse(address);
  if (!parsed.success) {
    const from =
      set.TEMPORAL_ADDRESS === undefined ? `address of profile ${set.TEMPORAL_PROFILE ?? 'default'}` : '';
    throw new ConfigError(processName, [
      { variable: 'TEMPORAL_ADDRESS', issue: `${from ? `${from}: ` : ''}${parsed.error.issues[0]!.message}` },
    ]);
  }
  let connect: ReturnType<typeof toClientOptions>;
  try {
    connect = toClientOptions({ ...profile, address });
  } catch (err) {
    // A certificate file named in the profile that cannot be read.
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(processName, [{ variable: 'TEMPORAL_CONFIG_FILE', issue: message }]);
  }
  const { tls, apiKey, metadata } = connect.connectionOptions;
  const namespace = profile.namespace ?? 'default';
  const how = [
    !tls ? 'plain' : typeof tls === 'object' && tls.clientCertPair ? 'mTLS' : 'TLS',
    ...(apiKey === undefined ? [] : ['API key']),
  ].join(' + ');
  return {
    address,
    namespace,
    options: {
      address,
      ...(tls === undefined || tls === null ? {} : { tls }),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(metadata === undefined ? {} : { metadata }),
    },
    described: `${address} (namespace ${namespace}, ${how}${set.TEMPORAL_PROFILE ? `, profile ${set.TEMPORAL_PROFILE}` : ''})`,
  };
}

/** A process's own settings with how it reaches Temporal, every problem of both told at once. */
export function withTemporalConnection<C extends object>(
  processName: string,
  env: Record<string, string | undefined>,
  load: () => C,
): C & { temporal: TemporalConnection } {
  const outcomes = [load, () => loadTemporalConnection(processName, env)].map((f) => {
    try {
      return { value: f() };
    } catch (err) {
      if (err instanceof ConfigError) return { problems: err.problems };
      throw err;
    }
  });
  const problems = outcomes.flatMap((o) => o.problems ?? []);
  if (problems.length > 0) throw new ConfigError(processName, problems);
  const [config, temporal] = outcomes.map((o) => o.value) as [C, TemporalConnection];
  return { ...config, temporal };
}
