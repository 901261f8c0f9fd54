import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Real peers for notification tests: an HTTP receiver and an SMTP server on loopback, recording what
// they were sent. The receiver stores messages by Idempotency-Key, as a careful real receiver would.

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  /** Every delivery, repeats included. */
  deliveries: Delivery[];
  /** Messages kept: one per Idempotency-Key. */
  stored: Map<string, Delivery>;
  /** How to answer a delivery; default 200. Answering nothing leaves the request hanging. */
  answer: (d: Delivery, res: ServerResponse) => void;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const receiver = {
    deliveries: [] as Delivery[],
    stored: new Map<string, Delivery>(),
    answer: (_d: Delivery, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const d = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      receiver.deliveries.push(d);
      const key = String(req.headers['idempotency-key'] ?? '');
      if (!receiver.stored.has(key)) receiver.stored.set(key, d);
      receiver.answer(d, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface Mail {
  to: string[];
  raw: string;
}

export interface SmtpPeer {
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}

/**
 * `port` and `mails` let a test bring the peer back after closing it (a mail server restarted): the
 * same address, the mail received before kept.
 */
export async function startSmtpPeer(port = 0, mails: Mail[] = []): Promise<SmtpPeer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
