import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A Temporal server this project started on loopback (the dev server, or the cluster's full server) is
 * reached in plain text in its own namespace, whatever the environment or the user's temporal.toml says
 * about other clusters (the children read both, as Temporal's tools do): they get a profile file of
 * their own, kept in the data folder, that names this server only.
 */
export function localTemporalEnv(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  address: string,
  namespace: string,
): NodeJS.ProcessEnv {
  const file = path.join(dataDir, 'temporal.toml');
  writeFileSync(
    file,
    `# Written at start: how the worker and the API reach the Temporal server started with them.\n` +
      `[profile.default]\naddress = "${address}"\nnamespace = "${namespace}"\n`,
  );
  const kept = Object.fromEntries(
    Object.entries(env).filter(([k]) => !/^TEMPORAL_(PROFILE|API_KEY|TLS|GRPC_META_|CODEC_)/.test(k)),
  );
  return { ...kept, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_CONFIG_FILE: file };
}
