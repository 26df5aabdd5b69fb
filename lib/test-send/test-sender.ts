import { redirect } from 'next/navigation';

import { getPageContext, getSession, type Session } from '@/lib/auth/session';
import { getConfig, type AppConfig, type ConfigProblem } from '@/lib/config';
import { appNotConfigured, type Failure } from '@/lib/failure/failure';

import { authorizeTestSend } from './test-send-service';

/**
 * What a page for the people allowed to test-send (/connector, /setup) may show: the visitor is
 * sent to sign in first; someone else signed in gets the refusal to explain, and nothing else.
 */
export type TestSenderPage =
  | { state: 'not-configured'; problems: ConfigProblem[] }
  | { state: 'not-allowed'; refusal: Failure }
  | { state: 'allowed'; config: AppConfig; session: Extract<Session, { state: 'signed-in' }> };

/** `path`: this page, a fixed path of the app (it goes into the sign-in link as written). */
export async function getTestSenderPage(path: `/${string}`): Promise<TestSenderPage> {
  const context = await getPageContext();
  if (!context.ok) return { state: 'not-configured', problems: context.problems };
  const { config, session } = context;
  if (session.state !== 'signed-in') redirect(`/sign-in?returnTo=${path}`);
  const authorization = authorizeTestSend(config, session);
  if (!authorization.ok) return { state: 'not-allowed', refusal: authorization };
  return { state: 'allowed', config, session };
}

/**
 * The same rule for a server action of those pages (anyone can post to an action, so it checks
 * again): the configuration when the caller may test-send, else why not.
 */
export async function authorizeTestSender(): Promise<{ ok: true; config: AppConfig } | Failure> {
  const result = getConfig();
  if (!result.ok) return appNotConfigured(result.problems);
  const authorization = authorizeTestSend(result.config, await getSession(result.config));
  return authorization.ok ? { ok: true, config: result.config } : authorization;
}
