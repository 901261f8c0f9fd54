import type { IssuedKey, KeySummary } from '../storage/api-keys';
import type { PersonRecord } from '../storage/people';
import type { Webhook } from './people-schemas';
import type { ApiKeySummary, IssuedApiKey, Person } from './responses';

// People and their keys as the people API answers them: times as ISO 8601, as JSON writes a Date.

export function personAnswer(p: PersonRecord): Person {
  return {
    id: p.id,
    name: p.name,
    phone: p.phone,
    email: p.email,
    // The database knows the format only as text; it holds one the Webhook schema let in.
    webhook: p.webhook && { url: p.webhook.url, format: p.webhook.format as Webhook['format'] },
    hasWebhookSecret: p.hasWebhookSecret,
    active: p.active,
    roles: p.roles,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const keySummaryAnswer = (k: KeySummary): ApiKeySummary => ({
  id: k.id,
  label: k.label,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt && k.revokedAt.toISOString(),
});

export const issuedKeyAnswer = (k: IssuedKey): IssuedApiKey => ({
  key: k.key,
  id: k.id,
  label: k.label,
  createdAt: k.createdAt.toISOString(),
});
