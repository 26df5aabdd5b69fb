import { InboxCodes } from '../testing/inbox';
import { sessionCookieName, signUp } from '../testing/sign-in-over-http';
import { uniqueEmail } from '../testing/unique-email';
import type { BenchStack } from './stack';

/**
 * Before anything is measured: a real session (a sign-up through the IdP over plain HTTP, the
 * cookie taken from its jar) and proof that each page answers what it should. A benchmark of an
 * error page or of the signed-out page sent to a "signed-in" client would measure nothing.
 */

export type BenchSession = {
  email: string;
  /** `logto_<appId>=<value>`, ready for a Cookie header. */
  cookie: string;
};

export class PreflightError extends Error {}

export async function signedInSession(stack: BenchStack): Promise<BenchSession> {
  const email = uniqueEmail('bench');
  const signedIn = await signUp(stack, new InboxCodes(stack.inboxUrl), email);
  const name = sessionCookieName(stack);
  const value = signedIn.browser.cookie(name);
  if (!value) throw new PreflightError(`The sign-up of ${email} left no ${name} cookie (it landed on ${signedIn.landedOn.href}).`);
  return { email, cookie: `${name}=${value}` };
}

async function page(url: string, cookie?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

export async function checkPages(stack: BenchStack, session: BenchSession): Promise<void> {
  const problems: string[] = [];
  const homes = [{ name: 'home', url: stack.appUrl }];
  if (stack.baseline) homes.push({ name: `baseline ${stack.baseline.commit}'s home`, url: stack.baseline.url });
  for (const { name, url } of homes) {
    const signedOut = await page(url);
    if (signedOut.status !== 200 || !signedOut.body.includes('Sign in')) {
      problems.push(`the signed-out ${name} answered ${signedOut.status}${signedOut.status === 200 ? ' without "Sign in"' : ''}`);
    }
    const signedIn = await page(url, session.cookie);
    if (signedIn.status !== 200 || !signedIn.body.includes('data-testid="signed-in-email"') || !signedIn.body.includes(session.email)) {
      problems.push(`the ${name} with the session cookie answered ${signedIn.status}${signedIn.status === 200 ? ` without ${session.email} as the signed-in email` : ''}`);
    }
  }
  const floor = await page(stack.floorUrl);
  if (floor.status !== 200) problems.push(`the floor answered ${floor.status}`);
  if (problems.length > 0) throw new PreflightError(`Not measuring: ${problems.join('; ')}.`);
}
