import {
  sendWebhook,
  WebhookRejected,
  WebhookUnavailable,
  type WebhookError,
} from '../../notifications/webhook';
import { freePort } from '../helpers/free-port';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';

// How a webhook that did not go out says why, against a real HTTP receiver: the type says whether the
// same message could go through on a later try, and the status and the cause are kept.

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const payload = {
  key: 'incident-1:7:wang:webhook',
  incidentId: 'incident-1',
  message: { subject: 's', text: 't', markdown: 'm' },
};

async function failureOf(url: string, timeoutMs = 2_000): Promise<WebhookError> {
  const err = await sendWebhook({ url, format: 'json' }, payload, timeoutMs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as WebhookError;
}

test.each([400, 401, 403, 404, 410, 413, 422])(
  'a receiver answering %i has refused the message for good',
  async (status) => {
    receiver.answer = (_d, res) => res.writeHead(status).end();
    const err = await failureOf(`${receiver.url}/hook`);
    expect(err).toBeInstanceOf(WebhookRejected);
    expect(err).toMatchObject({
      name: 'WebhookRejected',
      retryable: false,
      status,
      message: `answered HTTP ${status}`,
    });
  },
);

test.each([408, 429, 500, 502, 503, 504])(
  'a receiver answering %i may take the message later',
  async (status) => {
    receiver.answer = (_d, res) => res.writeHead(status).end();
    const err = await failureOf(`${receiver.url}/hook`);
    expect(err).toBeInstanceOf(WebhookUnavailable);
    expect(err).toMatchObject({
      name: 'WebhookUnavailable',
      retryable: true,
      status,
      message: `answered HTTP ${status}`,
    });
  },
);

test('a receiver that never answers is worth trying again, and the timeout is kept as the cause', async () => {
  receiver.answer = () => undefined; // holds the request open
  const err = await failureOf(`${receiver.url}/slow`, 200);
  expect(err).toBeInstanceOf(WebhookUnavailable);
  expect(err).toMatchObject({ retryable: true, status: undefined, message: 'no answer within 200 ms' });
  expect(err.cause).toMatchObject({ name: 'TimeoutError' });
});

test('a receiver nobody listens for is worth trying again, and the network error is kept as the cause', async () => {
  const err = await failureOf(`http://127.0.0.1:${await freePort()}/hook`);
  expect(err).toBeInstanceOf(WebhookUnavailable);
  expect(err).toMatchObject({ retryable: true, status: undefined });
  expect(err.message).toMatch(/^unreachable \(.*ECONNREFUSED/);
  expect(err.cause).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
});
