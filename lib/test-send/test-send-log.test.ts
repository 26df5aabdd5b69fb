import { describe, expect, it } from 'vitest';

import { eventRetentionMs } from '@/lib/ses/delivery-events';

import { createMemoryTestSendLog, createRedisTestSendLog } from './test-send-log';

describe('the test-send log', () => {
  it("answers only the caller's own test sends, for as long as their events are kept", async () => {
    let now = 0;
    const log = createMemoryTestSendLog({ now: () => now, max: 3 });
    await log.record('m-1', 'ada');
    await log.record('m-2', 'eve');
    expect(await log.sentBy('ada', ['m-1', 'm-2', 'm-3'])).toEqual(new Set(['m-1']));
    now += eventRetentionMs;
    expect(await log.sentBy('ada', ['m-1'])).toEqual(new Set());
  });

  it('keeps at most its bound, forgetting the oldest', async () => {
    const log = createMemoryTestSendLog({ max: 3 });
    for (const id of ['m-1', 'm-2', 'm-3', 'm-4']) await log.record(id, 'ada');
    expect(await log.sentBy('ada', ['m-1', 'm-2', 'm-3', 'm-4'])).toEqual(new Set(['m-2', 'm-3', 'm-4']));
  });

  it('in Redis: one key per message holding the sender, expiring with the events', async () => {
    const keys = new Map<string, string>();
    const calls: unknown[][] = [];
    const client = {
      set: async (...args: unknown[]) => (calls.push(args), keys.set(String(args[0]), String(args[1])), 'OK' as const),
      mget: async (...names: string[]) => names.map((name) => keys.get(name) ?? null),
    };
    const log = createRedisTestSendLog(client as never);
    await log.record('m-1', 'ada');
    expect(calls).toEqual([['logto-ses-next:test-send:m-1', 'ada', 'PX', eventRetentionMs]]);
    expect(await log.sentBy('ada', ['m-1', 'm-2'])).toEqual(new Set(['m-1']));
    expect(await log.sentBy('eve', ['m-1'])).toEqual(new Set());
    expect(await log.sentBy('ada', [])).toEqual(new Set());
  });
});
