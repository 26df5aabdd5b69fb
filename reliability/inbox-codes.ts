import { codeIn, type InboxEmail } from '../local/inbox/read-inbox';

/**
 * Verification codes for many sign-ins at once. One loop reads the inbox for everyone who is
 * waiting, instead of each sign-in polling the whole store on its own. Every address is used
 * for one sign-in only, so its first email holds its code.
 */
export class InboxCodes {
  readonly #waiting = new Map<string, { resolve: (code: string) => void; reject: (error: Error) => void; deadline: number }>();
  #polling = false;
  readonly #since = Math.floor(Date.now() / 1000) - 1;

  constructor(private readonly inboxUrl: string) {}

  waitFor(email: string, timeoutMs = 15_000): Promise<string> {
    const code = new Promise<string>((resolve, reject) => {
      this.#waiting.set(email.toLowerCase(), { resolve, reject, deadline: Date.now() + timeoutMs });
    });
    if (!this.#polling) void this.#poll();
    return code;
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    try {
      while (this.#waiting.size > 0) {
        const response = await fetch(`${this.inboxUrl}/store?since=${this.#since}`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
        const emails = response?.ok ? ((await response.json()) as { emails: InboxEmail[] }).emails : [];
        for (const email of emails) {
          for (const to of email.destination.to) this.#settle(to.toLowerCase(), (waiter) => readCode(email, waiter));
        }
        const now = Date.now();
        for (const [address, waiter] of this.#waiting) {
          if (waiter.deadline < now) this.#settle(address, () => waiter.reject(new Error(`No code for ${address} in time.`)));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      this.#polling = false;
    }
  }

  #settle(address: string, settle: (waiter: { resolve: (code: string) => void; reject: (error: Error) => void }) => void) {
    const waiter = this.#waiting.get(address);
    if (!waiter) return;
    this.#waiting.delete(address);
    settle(waiter);
  }
}

function readCode(email: InboxEmail, waiter: { resolve: (code: string) => void; reject: (error: Error) => void }) {
  try {
    waiter.resolve(codeIn(email));
  } catch (error) {
    waiter.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
