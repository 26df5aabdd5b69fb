/**
 * How the stand-in's SNS topic gets a message to the app's endpoint. As SNS does for HTTP/S
 * subscriptions, a post that gets no answer (refused, timed out) or a 5xx is tried again after a
 * pause; any other answer ends it. The pauses double from half a second and the whole is bounded
 * in attempts and time, so a stopped app costs a few lines in the log. What this is for: a cold
 * `npm run dev` compiles the app's events route on its first request, which outlasts one
 * attempt; without a retry the first SubscriptionConfirmation was lost, and with it the first
 * mail's Send event.
 */

export type DeliveryPolicy = {
  attempts: number;
  attemptTimeoutMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts after this long. */
  totalMs: number;
};

export const snsDeliveryPolicy: DeliveryPolicy = { attempts: 8, attemptTimeoutMs: 5_000, firstDelayMs: 500, maxDelayMs: 8_000, totalMs: 60_000 };

export type Delivery = { ok: true; status: number; attempts: number } | { ok: false; reason: string; attempts: number };

/**
 * Posts with `post` until it is answered, or `settled()` says the attempts are moot (the app
 * confirmed a subscription while its answer to an earlier attempt was still on the way).
 */
export async function deliverWithRetry(
  post: (signal: AbortSignal) => Promise<Response>,
  { policy = snsDeliveryPolicy, settled = () => false, onRetry }: { policy?: DeliveryPolicy; settled?: () => boolean; onRetry?: (reason: string) => void } = {},
): Promise<Delivery> {
  const started = Date.now();
  let delay = policy.firstDelayMs;
  for (let attempts = 1; ; attempts += 1) {
    let reason: string;
    try {
      const response = await post(AbortSignal.timeout(policy.attemptTimeoutMs));
      await response.body?.cancel();
      if (response.status < 500) return response.ok ? { ok: true, status: response.status, attempts } : { ok: false, reason: `refused with ${response.status}`, attempts };
      reason = `answered ${response.status}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (settled()) return { ok: true, status: 0, attempts };
    if (attempts >= policy.attempts || Date.now() - started + delay > policy.totalMs) return { ok: false, reason: `${reason}; gave up after ${attempts} attempts`, attempts };
    if (attempts === 1) onRetry?.(reason);
    // Unref: a pending retry does not keep a stopping process alive.
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
    if (settled()) return { ok: true, status: 0, attempts };
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}
