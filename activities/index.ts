import type { PrismaClient } from '@prisma/client';
import { createNotifyActivities, type Channel } from './notify';
import { createStorageActivities } from './storage';

/** Every activity the incident workflow calls, composed from their factories. */
export function createActivities(prisma: PrismaClient, channel: Channel) {
  return { ...createStorageActivities(prisma), ...createNotifyActivities(prisma, channel) };
}
