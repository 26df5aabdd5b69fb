import type { InboxCodes } from '../testing/inbox';
import type { Stack } from '../testing/local-stack';
import { signUp, type SignedIn } from '../testing/sign-in-over-http';
import { uniqueEmail } from '../testing/unique-email';

/**
 * Many new people signing up at the same moment, each with their own cookie jar. Afterwards
 * each must see their own address, and nobody else's, on the home and account pages.
 */

export type ConcurrentResult = {
  users: number;
  failures: string[];
  /** Pages that showed another user's address, or not their own. */
  leaks: string[];
  durationsMs: number[];
  /** One signed-in person, for the parts that need a session. */
  sample?: SignedIn;
};

const shownEmail = (html: string, testId: string) => new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1];

export async function runConcurrentSignIns(stack: Stack, codes: InboxCodes, users: number): Promise<ConcurrentResult> {
  const emails = Array.from({ length: users }, (_, index) => uniqueEmail(`concurrent-${index}`));
  const settled = await Promise.allSettled(emails.map((email) => signUp(stack, codes, email)));
  const result: ConcurrentResult = { users, failures: [], leaks: [], durationsMs: [] };

  const signedIn: SignedIn[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'rejected') result.failures.push(`${emails[index]}: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`);
    else signedIn.push(outcome.value);
  });

  // Every page is read again at once too, so sessions are also checked under concurrent reads.
  await Promise.all(
    signedIn.map(async (user) => {
      const account = await user.browser.visit(`${stack.appUrl}/account`);
      const pages = [
        { name: 'home', html: user.page.body, shown: shownEmail(user.page.body, 'signed-in-email') },
        { name: 'account', html: account.body, shown: shownEmail(account.body, 'account-email') },
      ];
      for (const page of pages) {
        const others = emails.filter((email) => email !== user.email && page.html.includes(email));
        if (page.shown !== user.email || others.length > 0) {
          result.leaks.push(`${user.email} on ${page.name}: shown "${page.shown ?? 'nothing'}"${others.length ? `, also ${others.join(', ')}` : ''}`);
        }
      }
      result.durationsMs.push(user.durationMs);
    }),
  );
  result.sample = signedIn[0];
  return result;
}

/** The value below which `fraction` of the sorted values fall (nearest rank). */
export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}
