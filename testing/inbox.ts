/**
 * The one client of the local SES inbox (local/inbox) for every suite. The inbox is shared by
 * everything that sends, so mail is always picked by recipient: give every test its own address
 * (unique-email.ts).
 */

export type InboxEmail = {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Epoch seconds. */
  at: number;
};

export async function emailsTo(inboxUrl: string, recipient: string): Promise<InboxEmail[]> {
  const response = await fetch(new URL('/store', inboxUrl));
  if (!response.ok) throw new Error(`The inbox answered ${response.status} at ${inboxUrl}/store.`);
  const { emails } = (await response.json()) as { emails: InboxEmail[] };
  const wanted = recipient.toLowerCase();
  return emails.filter((email) => email.destination.to.some((to) => to.toLowerCase().includes(wanted)));
}

/** Waits until `recipient` has more than `alreadySeen` emails, and returns the newest. */
export async function waitForEmail(
  inboxUrl: string,
  recipient: string,
  { alreadySeen = 0, timeoutMs = 5_000 }: { alreadySeen?: number; timeoutMs?: number } = {},
): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(inboxUrl, recipient);
    const newest = emails.length > alreadySeen ? emails.at(-1) : undefined;
    if (newest) return newest;
    if (Date.now() > deadline) throw new Error(`No new email for ${recipient} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The 6-digit verification code in an email's subject or body. */
export function codeIn(email: InboxEmail): string {
  const code = /\b\d{6}\b/.exec(`${email.subject} ${email.body.text ?? ''} ${email.body.html ?? ''}`)?.[0];
  if (!code) throw new Error(`No 6-digit code in the email "${email.subject}".`);
  return code;
}

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
