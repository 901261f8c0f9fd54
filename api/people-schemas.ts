import { z } from 'zod';

// People and their plan roles as they cross into the service: the people API's bodies and the seed file
// share the field schemas, so a person written in either place means the same thing.

export const PersonId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'a slug: lowercase letters, digits, . _ - (e.g. wang-li)');

/** planId "*" holds the role in every plan that has it. */
export const RoleAssignment = z.strictObject({
  planId: z.string().min(1),
  role: z.string().min(1),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const Webhook = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  format: z.enum(['json', 'wecom', 'dingtalk', 'feishu']),
  /** HMAC key for X-Signature; write-only: answers only say whether one is set. */
  secret: z.string().min(16, 'at least 16 characters').max(200).optional(),
});
export type Webhook = z.infer<typeof Webhook>;

const fields = {
  name: z.string().trim().min(1).max(200),
  phone: z.string().regex(/^\+?[0-9][0-9 -]{4,24}$/, 'a phone number: digits, spaces, -, optional +'),
  email: z.email(),
  webhook: Webhook,
};

export const CreatePersonBody = z.strictObject({
  id: PersonId,
  name: fields.name,
  phone: fields.phone.optional(),
  email: fields.email.optional(),
  webhook: fields.webhook.optional(),
  roles: z.array(RoleAssignment).max(200).default([]),
});
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;

/** null clears a field; the webhook is replaced whole (its secret too, since it cannot be read back). */
export const UpdatePersonBody = z
  .strictObject({
    name: fields.name.optional(),
    phone: fields.phone.nullable().optional(),
    email: fields.email.nullable().optional(),
    webhook: fields.webhook.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'at least one field to change');
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

export const ReplaceRolesBody = z.strictObject({ roles: z.array(RoleAssignment).max(200) });

export const CreateApiKeyBody = z.strictObject({ label: z.string().trim().min(1).max(100) });

export const PersonParams = z.strictObject({ id: PersonId });
export const ApiKeyParams = z.strictObject({
  id: PersonId,
  keyId: z.string().regex(/^[0-9a-f]{12}$/, 'a key id as listed (12 hex digits)'),
});

/** PEOPLE_FILE: the people an installation starts with; roles of listed people are replaced at each start. */
export const PeopleFile = z.strictObject({
  people: z.array(
    CreatePersonBody.omit({ roles: true }).extend({
      roles: z.array(RoleAssignment).max(200),
      /** Unset: new people are active and existing ones keep what the API set. */
      active: z.boolean().optional(),
    }),
  ),
});
export type PeopleFile = z.infer<typeof PeopleFile>;
export type SeedPerson = PeopleFile['people'][number];
