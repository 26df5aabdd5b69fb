import { getPageContext, type Session } from '@/lib/auth/session';
import type { AppConfig, ConfigProblem } from '@/lib/config';
import type { Failure } from '@/lib/failure/failure';

import { authorizeTestSend } from './test-send-service';

/**
 * What a page for the people allowed to test-send (/connector, /setup) may show: a signed-out
 * visitor (or one whose session expired) is told to sign in, rather than sent away without a word;
 * someone else signed in gets the refusal to explain, and nothing else.
 */
export type TestSenderPage =
  | { state: 'not-configured'; problems: ConfigProblem[] }
  | { state: 'signed-out' }
  | { state: 'not-allowed'; refusal: Failure }
  | { state: 'allowed'; config: AppConfig; session: Extract<Session, { state: 'signed-in' }> };

export async function getTestSenderPage(): Promise<TestSenderPage> {
  const context = await getPageContext();
  if (!context.ok) return { state: 'not-configured', problems: context.problems };
  const { config, session } = context;
  if (session.state !== 'signed-in') return { state: 'signed-out' };
  const authorization = authorizeTestSend(config, session);
  if (!authorization.ok) return { state: 'not-allowed', refusal: authorization };
  return { state: 'allowed', config, session };
}
