import { createServer } from 'node:net';

/** A port the OS says is free right now on loopback: `port`, or any when 0. */
export function freeLoopbackPort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free loopback port below 32768, for what keeps its port in a PostgreSQL smallint (the Temporal
 * server's cluster membership table): the OS hands out higher ones.
 */
export async function freeLowLoopbackPort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const port = await freeLoopbackPort(candidate).catch(() => undefined);
    if (port !== undefined) return port;
  }
  throw new Error('no free loopback port between 20000 and 32000');
}
