import LogtoClient, { getAccessTokenRSC } from '@logto/next/server-actions';
import { cookies } from 'next/headers';

import { classifyAuthError } from '@/lib/auth/auth-failure';
import { logtoConfigFrom } from '@/lib/auth/logto-config';
import { withTimeout } from '@/lib/auth/with-timeout';
import type { AppConfig } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { localeOfRequest } from '@/lib/i18n/request';

import { type AccountApiTarget, type LogtoSession } from './account-api';
import { currentStep, flowCookieName, flowLifetimeSeconds, sealFlow, unsealFlow, verifiedIdentityId, type AccountFlow, type AccountStep } from './account-flow';
import { loadSessions } from './account-service';

/**
 * What the account page and its actions need from the request: the person's token and language
 * for the Account API, the tokens refreshed after a change, and the flow cookie. The one place
 * that knows how the SDK keeps tokens, so the service never does.
 */

/** A token Logto no longer honours (a revoked grant answers invalid_grant) is a sign-in to do again. */
function tokenFailure(error: unknown): Failure {
  const auth = classifyAuthError(error);
  if (auth.code === 'token_rejected' || auth.code === 'id_token_invalid' || auth.code === 'unexpected') {
    return failure(401, 'signed_out_by_logto', 'Logto no longer accepts your sign-in. Sign out and sign in again.');
  }
  return failure(auth.status, auth.code, auth.message);
}

/**
 * The Account API's target for this request. The token is the SDK's access token without a
 * resource, which Logto issues opaque (KEY FACTS); actions may refresh it and store the result,
 * pages (which cannot set cookies) refresh without storing.
 */
export async function accountTarget(config: AppConfig, { inAction }: { inAction: boolean }): Promise<{ ok: true; target: AccountApiTarget } | Failure> {
  const sdkConfig = logtoConfigFrom(config);
  try {
    const accessToken = await withTimeout(
      inAction ? new LogtoClient(sdkConfig).createNodeClient().then((client) => client.getAccessToken()) : getAccessTokenRSC(sdkConfig),
      config.logto.timeoutMs,
    );
    return {
      ok: true,
      target: {
        endpoint: config.logto.endpoint,
        accessToken,
        language: await localeOfRequest(),
        timeoutMs: config.logto.timeoutMs,
        managementApi: config.managementApi !== undefined,
      },
    };
  } catch (error) {
    return tokenFailure(error);
  }
}

/**
 * Drops the stored access token and refreshes, so the SDK stores the new ID token Logto issues
 * with it, which carries the new address (fixture 28). In a server action only.
 */
export async function refreshAccountSession(config: AppConfig): Promise<{ ok: true; email?: string } | Failure> {
  try {
    const client = await new LogtoClient(logtoConfigFrom(config)).createNodeClient();
    await client.clearAccessToken();
    await withTimeout(client.getAccessToken(), config.logto.timeoutMs);
    const claims = await client.getIdTokenClaims();
    return { ok: true, email: typeof claims.email === 'string' ? claims.email : undefined };
  } catch (error) {
    console.warn(`[account] refreshing the session after the address change failed (${error instanceof Error ? error.name : typeof error})`);
    return tokenFailure(error);
  }
}

export async function readAccountFlow(config: AppConfig, sub: string): Promise<AccountFlow> {
  return unsealFlow((await cookies()).get(flowCookieName)?.value, config.logto.cookieSecret, sub);
}

export async function writeAccountFlow(config: AppConfig, flow: AccountFlow): Promise<void> {
  (await cookies()).set(flowCookieName, sealFlow(flow, config.logto.cookieSecret), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.logto.cookieSecure,
    path: '/account',
    maxAge: flowLifetimeSeconds,
  });
}

export type AccountPageState =
  | { enabled: false }
  | {
      enabled: true;
      flow: AccountFlow;
      step: AccountStep;
      /** Only once the identity check passed. */
      sessions?: { ok: true; sessions: LogtoSession[] } | Failure;
      /** Logto's hosted Account Center, for what this app does not do. */
      accountCenterUrl: string;
    };

/** What /account shows: the flow's step and, once it is you, your sessions. */
export async function loadAccountPage(config: AppConfig, sub: string, now: number = Date.now()): Promise<AccountPageState> {
  if (!config.logto.accountFeatures) return { enabled: false };
  const flow = await readAccountFlow(config, sub);
  const step = currentStep(flow, now);
  const accountCenterUrl = `${config.logto.endpoint}/account`;
  if (!verifiedIdentityId(flow, now)) return { enabled: true, flow, step, accountCenterUrl };
  const target = await accountTarget(config, { inAction: false });
  const sessions = target.ok ? await loadSessions(target.target, flow, now) : target;
  return { enabled: true, flow, step, sessions, accountCenterUrl };
}
