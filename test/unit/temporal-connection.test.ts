import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/env';
import { loadTemporalConnection } from '../../config/temporal-connection';

// Connection settings read as Temporal's own tools read them: a temporal.toml profile, then the
// TEMPORAL_* variables over it. The certificate files only need to be readable here: the connection,
// not this reading, checks what is in them.

const dir = mkdtempSync(path.join(tmpdir(), 'temporal-connection-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cert = file('client.pem', '-----BEGIN CERTIFICATE-----\nclient\n');
const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nkey\n');
const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nca\n');
const toml = file(
  'temporal.toml',
  `[profile.default]
address = "localhost:7233"

[profile.prod]
address = "temporal.city.gov.cn:7233"
namespace = "incidents-prod"

[profile.prod.tls]
client_cert_path = "${cert}"
client_key_path = "${key}"
server_ca_cert_path = "${ca}"
server_name = "temporal.city.gov.cn"
`,
);

const problemsOf = (env: Record<string, string>) => {
  try {
    loadTemporalConnection('worker', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('accepted');
};

test('nothing set, no file: the local server in namespace default, in plain text', () => {
  expect(loadTemporalConnection('api', { HOME: dir })).toMatchObject({
    address: 'localhost:7233',
    namespace: 'default',
    options: { address: 'localhost:7233' },
    described: 'localhost:7233 (namespace default, plain)',
  });
});

test('TEMPORAL_PROFILE picks a profile of TEMPORAL_CONFIG_FILE, its mTLS files read into the connection', () => {
  const c = loadTemporalConnection('worker', { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' });
  expect(c).toMatchObject({
    address: 'temporal.city.gov.cn:7233',
    namespace: 'incidents-prod',
    described: 'temporal.city.gov.cn:7233 (namespace incidents-prod, mTLS, profile prod)',
  });
  expect(c.options.tls).toMatchObject({ serverNameOverride: 'temporal.city.gov.cn' });
  const tls = c.options.tls as { clientCertPair: { crt: Uint8Array; key: Uint8Array } };
  expect(Buffer.from(tls.clientCertPair.crt).toString()).toContain('client');
});

test('the variables win over the profile, and an API key turns TLS on as Temporal Cloud needs', () => {
  const c = loadTemporalConnection('api', {
    TEMPORAL_CONFIG_FILE: toml,
    TEMPORAL_ADDRESS: 'eu.cloud.example:7233',
    TEMPORAL_NAMESPACE: 'office.a1b2c',
    TEMPORAL_API_KEY: 'secret-api-key-value',
  });
  expect(c).toMatchObject({
    address: 'eu.cloud.example:7233',
    namespace: 'office.a1b2c',
    options: { tls: true, apiKey: 'secret-api-key-value' },
  });
  // The log line says how, never the key.
  expect(c.described).toBe('eu.cloud.example:7233 (namespace office.a1b2c, TLS + API key)');
});

test('bad values are refused naming the variable: a typo in TEMPORAL_TLS, a certificate that cannot be read', () => {
  expect(
    problemsOf({ TEMPORAL_TLS: 'yes', TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'missing.pem') }),
  ).toEqual([
    { variable: 'TEMPORAL_TLS', issue: 'true or false' },
    { variable: 'TEMPORAL_TLS_CLIENT_CERT_PATH', issue: `cannot read ${path.join(dir, 'missing.pem')}` },
  ]);
});

test('a profile the file does not have, a file that is not TOML, an address without a port: each named', () => {
  expect(problemsOf({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'staging' })).toEqual([
    { variable: 'TEMPORAL_PROFILE', issue: "Profile 'staging' not found in config data" },
  ]);
  const broken = file('broken.toml', '[profile.default\naddress = ');
  expect(problemsOf({ TEMPORAL_CONFIG_FILE: broken }).map((p) => p.variable)).toEqual([
    'TEMPORAL_CONFIG_FILE',
  ]);
  expect(problemsOf({ TEMPORAL_ADDRESS: 'temporal.internal' })).toEqual([
    { variable: 'TEMPORAL_ADDRESS', issue: 'host:port, e.g. localhost:7233' },
  ]);
});
