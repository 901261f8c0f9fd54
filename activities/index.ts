import type { PrismaClient } from '@prisma/client';
import { createNotifyActivities, type NotifySettings } from './notify';
import { createStorageActivities } from './storage';

/** Every activity the incident workflow calls, composed from their factories. */
export function createActivities(prisma: PrismaClient, notify: NotifySettings) {
  return { ...createStorageActivities(prisma), ...createNotifyActivities(prisma, notify) };
}
