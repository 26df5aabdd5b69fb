import { redirect } from 'next/navigation';

import { getPageContext, type Session } from '@/lib/auth/session';
import type { AppConfig, ConfigProblem } from '@/lib/config';
import type { Failure } from '@/lib/failure/failure';

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
