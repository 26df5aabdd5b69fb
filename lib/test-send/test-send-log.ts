import type { Redis } from 'ioredis';

import { eventRetentionMs, eventsRedis, maxStoredEvents } from '@/lib/ses/delivery-events';
import { processWide } from '@/lib/process/process-wide';

/**
 * Which sent messages were test sends, and whose. SES reports every mail of the configuration
 * set, end users' sign-in codes included (sync gives Logto the same configuration set): a
 * tester sees the events of their own test sends, and of the rest only counts. Kept as long as
 * the events, in this process or (REDIS_URL) in Redis, shared by every instance.
 */
export type TestSendLog = {
  record(messageId: string, userId: string): Promise<void>;
  /** The message IDs among `messageIds` that are test sends of `userId`. */
  sentBy(userId: string, messageIds: readonly string[]): Promise<Set<string>>;
};

export function createMemoryTestSendLog({ now = Date.now, max = maxStoredEvents }: { now?: () => number; max?: number } = {}): TestSendLog {
  const sends = new Map<string, { userId: string; at: number }>();
  return {
    async record(messageId, userId) {
      sends.set(messageId, { userId, at: now() });
      // Oldest first in a Map: drop beyond the bound, as the events are.
      for (const id of sends.keys()) {
        if (sends.size <= max) break;
        sends.delete(id);
      }
    },
    async sentBy(userId, messageIds) {
      const time = now();
      return new Set(messageIds.filter((id) => {
        const send = sends.get(id);
        return send !== undefined && send.userId === userId && time - send.at < eventRetentionMs;
      }));
    },
  };
}

const keyOf = (messageId: string) => `logto-ses-next:test-send:${messageId}`;

export function createRedisTestSendLog(client: Pick<Redis, 'set' | 'mget'>): TestSendLog {
  return {
    async record(messageId, userId) {
      await client.set(keyOf(messageId), userId, 'PX', eventRetentionMs);
    },
    async sentBy(userId, messageIds) {
      if (messageIds.length === 0) return new Set();
      const owners = await client.mget(...messageIds.map(keyOf));
      return new Set(messageIds.filter((_, index) => owners[index] === userId));
    },
  };
}

/** The process's log: Redis when REDIS_URL is set, else memory. */
export function getTestSendLog(redisUrl: string | undefined): TestSendLog {
  if (!redisUrl) return processWide('test-send-log-memory', () => createMemoryTestSendLog());
  return processWide('test-send-log-redis', () => createRedisTestSendLog(eventsRedis(redisUrl)));
}
