import { canonicalJson } from '../../domain/canonical-json';
import { requestHash } from '../../api/request-hash';

describe('canonical JSON for Idempotency-Key', () => {
  test('the same value gives the same text whatever the key order, at every depth', () => {
    const a = { title: 't', source: { url: 'u', platform: 'p' }, metrics: [{ b: 1, a: 2 }] };
    const b = { metrics: [{ a: 2, b: 1 }], source: { platform: 'p', url: 'u' }, title: 't' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"metrics":[{"a":2,"b":1}],"source":{"platform":"p","url":"u"},"title":"t"}',
    );
    expect(requestHash(a)).toBe(requestHash(b));
  });

  test('a different value, or the same items in another order, is another request', () => {
    expect(requestHash({ title: 't' })).not.toBe(requestHash({ title: 'u' }));
    expect(requestHash({ list: [1, 2] })).not.toBe(requestHash({ list: [2, 1] }));
  });
});
