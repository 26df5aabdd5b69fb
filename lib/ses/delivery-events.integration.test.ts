import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRedisServer, type RunningRedis } from '../../testing/redis-server';

import { createRedisEventStore, eventRetentionMs, maxStoredEvents, type DeliveryEvent } from './delivery-events';

// The events store as REDIS_URL makes it, against a real redis-server: shared by instances,
// and bounded as the memory store is (the last 1,000 events, 7 days).
let redis: RunningRedis;
const clients: Redis[] = [];
const client = () => {
  const made = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  clients.push(made);
  return made;
};

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(clients.map((made) => made.quit()));
  await redis?.stop();
});

const event = (index: number, at = new Date().toISOString()): DeliveryEvent => ({ snsMessageId: `sns-${index}`, type: 'Delivery', messageId: `ses-${index}`, at, recipients: [`r${index}@example.com`] });

describe('the Redis events store', () => {
  it('is shared by instances, and a replay recorded by one is a duplicate for another', async () => {
    await client().flushall();
    const [first, second] = [createRedisEventStore(client()), createRedisEventStore(client())];
    expect(await first.record(event(1))).toBe('recorded');
    expect(await second.record(event(1))).toBe('duplicate');
    expect((await second.recent()).map((recorded) => recorded.messageId)).toEqual(['ses-1']);
  });

  it(`keeps the last ${maxStoredEvents.toLocaleString('en-US')} events, newest first`, async () => {
    const raw = client();
    await raw.flushall();
    const store = createRedisEventStore(raw);
    for (let index = 0; index < maxStoredEvents + 5; index += 1) await store.record(event(index));
    expect(await raw.llen('logto-ses-next:ses-events')).toBe(maxStoredEvents);
    const recent = await store.recent(maxStoredEvents * 2);
    expect(recent).toHaveLength(maxStoredEvents);
    expect(recent[0]?.messageId).toBe(`ses-${maxStoredEvents + 4}`);
    expect(recent.at(-1)?.messageId).toBe('ses-5');
  });

  it('answers only events of the last 7 days, and forgets the replay marks after them', async () => {
    const raw = client();
    await raw.flushall();
    const now = Date.parse('2026-12-01T12:00:00Z');
    const store = createRedisEventStore(raw, { now: () => now });
    await store.record(event(1, new Date(now - eventRetentionMs - 1_000).toISOString()));
    await store.record(event(2, new Date(now - eventRetentionMs + 60_000).toISOString()));
    expect((await store.recent()).map((recorded) => recorded.messageId)).toEqual(['ses-2']);
    const ttl = await raw.pttl('logto-ses-next:ses-events:seen:sns-2');
    expect(ttl).toBeGreaterThan(eventRetentionMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(eventRetentionMs);
  });
});
