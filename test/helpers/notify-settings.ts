import type { LinkSettings, NotifySettings } from '../../activities/notify';

/** The link secret every test worker and test API share, so links signed by one verify in the other. */
export const TEST_LINKS: LinkSettings = {
  secret: 'test-link-secret-0123456789abcdefghijklmnop',
  publicUrl: 'http://127.0.0.1:3000',
  ttlMs: 72 * 3_600_000,
};

/** Notification settings for a test worker: log lines to `log`, links signed with TEST_LINKS. */
export function testNotifySettings(
  log: (line: string) => void = () => undefined,
  extra: Partial<NotifySettings> = {},
): NotifySettings {
  return { log, links: TEST_LINKS, ...extra };
}
