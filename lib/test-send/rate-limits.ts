import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { isDevelopment, type AppConfig, type RateLimitRule } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { processWide } from '@/lib/process/process-wide';

import { canonicalEmail } from './canonical-email';

type TestSendSettings = AppConfig['testSend'];

export type TestSendLimiter = {
  /** Counts one test send against the caller and the recipient; refuses once either is used up. */
  consume(userId: string, recipient: string): Promise<{ ok: true } | Failure>;
  /** Closes the Redis connection, if there is one. */
  close(): Promise<void>;
};

const redisConnectTimeoutMs = 2_000;

export type LimiterOptions = {
  /**
   * With REDIS_URL set, what to do while Redis cannot be reached. A production deployment
   * that set REDIS_URL runs several instances: counting in each one's memory would let every
   * instance send its own allowance, so it refuses. `next dev` keeps counting in memory.
   */
  whenRedisIsDown: 'refuse' | 'count-in-memory';
};

/**
 * Without Redis the counts live in this process: enough for one server, not for serverless
 * instances, which each count on their own. With REDIS_URL set they share one count.
 */
export function createTestSendLimiter(settings: TestSendSettings, options: LimiterOptions = { whenRedisIsDown: 'refuse' }): TestSendLimiter {
  const redis = settings.redisUrl === undefined ? undefined : connectRedis(settings.redisUrl, options);
  const limiterFor = (rule: RateLimitRule, keyPrefix: string) => ruleLimiter(rule, keyPrefix, redis?.client, options);
  const limits = [
    { name: 'user', rule: settings.userLimit, variable: 'TEST_SEND_USER_LIMIT', limiter: limiterFor(settings.userLimit, 'test-send:user') },
    { name: 'recipient', rule: settings.recipientLimit, variable: 'TEST_SEND_RECIPIENT_LIMIT', limiter: limiterFor(settings.recipientLimit, 'test-send:recipient') },
  ] as const;

  return {
    async consume(userId, recipient) {
      await redis?.ready();
      const keys = { user: userId, recipient: canonicalEmail(recipient) };
      // The user's count goes first: someone hammering one address also uses up their own allowance.
      for (const { name, rule, variable, limiter } of limits) {
        try {
          await limiter.consume(keys[name]);
        } catch (rejection) {
          // Anything but a RateLimiterRes is a failure of the store, not a verdict.
          if (!(rejection instanceof RateLimiterRes)) {
            if (redis === undefined) throw rejection;
            return failure(
              503,
              'rate_limit_unavailable',
              'Test emails cannot be sent right now: the rate-limit store (Redis, REDIS_URL) does not answer, and the limits are not counted without it.',
              { hint: 'Check that Redis is running and reachable from this server at REDIS_URL; test sends work again as soon as it answers.' },
            );
          }
          const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          const who = name === 'user' ? 'You have sent too many test emails' : `Too many test emails were sent to ${recipient}`;
          const period = inLargestUnit(rule.durationSeconds);
          const wait = inLargestUnit(waitSeconds(retryAfterSeconds));
          return failure(
            429,
            'rate_limited',
            `${who}: the limit is ${describeRule(rule)} per ${name} (${variable}). Try again in ${describeWait(retryAfterSeconds)}.`,
            {
              retryAfterSeconds,
              params: { who: name, to: recipient, points: rule.points, count: period.count, unit: period.unit, variable, wait: wait.count, waitUnit: wait.unit },
            },
          );
        }
      }
      return { ok: true };
    },
    async close() {
      if (redis?.client.status === 'ready') {
        await redis.client.quit().catch(() => redis.client.disconnect());
      } else {
        // Not connected (or never asked to): quit() would open a connection just to close it.
        redis?.client.disconnect();
      }
    },
  };
}

type SharedLimiter = { settings?: TestSendSettings; limiter?: TestSendLimiter };

/**
 * One limiter per process, reused by every request of the API and of the connector page's form:
 * the counts and the Redis connection live in it (lib/process/process-wide.ts says why a
 * module-level variable would not do).
 */
export function getTestSendLimiter(config: AppConfig): TestSendLimiter {
  const shared = processWide<SharedLimiter>('test-send-limiter', () => ({}));
  if (shared.settings !== config.testSend || !shared.limiter) {
    void shared.limiter?.close();
    shared.settings = config.testSend;
    shared.limiter = createTestSendLimiter(config.testSend, { whenRedisIsDown: isDevelopment ? 'count-in-memory' : 'refuse' });
  }
  return shared.limiter;
}

function ruleLimiter(rule: RateLimitRule, keyPrefix: string, client: Redis | undefined, { whenRedisIsDown }: LimiterOptions) {
  const options = { points: rule.points, duration: rule.durationSeconds, keyPrefix };
  if (client === undefined) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: client,
    // Answer at once while Redis is away (from the insurance, or with a refusal), instead of
    // trying each command.
    rejectIfRedisNotReady: true,
    ...(whenRedisIsDown === 'count-in-memory' ? { insuranceLimiter: new RateLimiterMemory(options) } : {}),
  });
}

function connectRedis(url: string, { whenRedisIsDown }: LimiterOptions) {
  const client = new Redis(url, {
    // Commands fail at once while disconnected (the limiters then use their insurance)
    // instead of queueing and holding the request open.
    enableOfflineQueue: false,
    // Connect on the first rate-limited request, not when the limiter is built.
    lazyConnect: true,
    connectTimeout: redisConnectTimeoutMs,
    // A command caught by a dropped connection fails after one reconnection attempt (then the
    // insurance answers) rather than after the default twenty.
    maxRetriesPerRequest: 1,
  });

  // One line per outage; the URL is never logged since it may hold a password.
  let reported = false;
  client.on('error', (error: NodeJS.ErrnoException) => {
    if (reported) return;
    reported = true;
    const meanwhile = whenRedisIsDown === 'refuse' ? 'test sends are refused (503) until it is back' : "rate limits count in this instance's memory until it is back";
    console.warn(`[test-send] Redis is unreachable (${error.code ?? error.name}): ${meanwhile}.`);
  });
  client.on('ready', () => {
    reported = false;
  });

  // The first request of a fresh instance waits (briefly) for the connection, so that it is
  // counted in Redis too. Later requests never wait: ioredis reconnects in the background.
  // A failed connection is reported by the 'error' listener.
  let firstConnection: Promise<void> | undefined;
  const ready = () =>
    (firstConnection ??= Promise.race([
      client.connect().then(
        () => undefined,
        () => undefined,
      ),
      sleep(redisConnectTimeoutMs, undefined, { ref: false }),
    ]));
  return { client, ready };
}

/** "5 test emails per 10 minutes", "20 test emails per hour". */
function describeRule({ points, durationSeconds }: RateLimitRule): string {
  const { count, unit } = inLargestUnit(durationSeconds);
  return `${points} test email${points === 1 ? '' : 's'} per ${count === 1 ? unit : `${count} ${unit}s`}`;
}

/** "45 seconds", and whole minutes past a minute and a half: "9 minutes". */
const waitSeconds = (seconds: number) => (seconds <= 90 ? seconds : Math.ceil(seconds / 60) * 60);

function describeWait(seconds: number): string {
  const { count, unit } = inLargestUnit(waitSeconds(seconds));
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const units = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
] as const;

function inLargestUnit(seconds: number): { count: number; unit: string } {
  const [unit, unitSeconds] = units.find(([, length]) => seconds >= length && seconds % length === 0) ?? ['second', 1];
  return { count: seconds / unitSeconds, unit };
}
