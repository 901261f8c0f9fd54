import type { PrismaClient } from '@prisma/client';
import { createDirectMessageActivities } from './direct-message';
import { createHazardActivities } from './hazards';
import { createNotifyActivities, type NotifySettings } from './notify';
import { createStorageActivities } from './storage';

/** Every activity the workflows call, composed from their factories. */
export function createActivities(prisma: PrismaClient, notify: NotifySettings) {
  return {
    ...createStorageActivities(prisma),
    ...createNotifyActivities(prisma, notify),
    ...createDirectMessageActivities(prisma, notify),
    ...createHazardActivities(prisma, notify),
  };
}
