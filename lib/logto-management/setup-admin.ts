import type { Session } from '@/lib/auth/session';
import type { AppConfig } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';

/**
 * Who may change the Logto tenant from /setup ("Register the missing URIs", "Apply to Logto").
 * The M2M app's token can do anything in the tenant, so this is its own, narrower list than
 * who may test-send: LOGTO_SETUP_ADMINS, whole verified addresses only. Unset, /setup changes
 * nothing; `npm run logto` keeps working with the M2M credentials from a terminal.
 */

export type SetupAdmin = { ok: true; userId: string; email: string } | Failure;

export const whoMayChangeTheTenant =
  'Only the people listed in LOGTO_SETUP_ADMINS may change the tenant from this page; anyone with the M2M credentials can with `npm run logto -- sync` or `doctor --fix`.';

/** Pure: the caller, when their verified address is listed. */
export function authorizeSetupAdmin(config: AppConfig, session: Session): SetupAdmin {
  if (session.state !== 'signed-in') return failure(401, 'not_signed_in', 'Sign in to change the Logto tenant.');
  if (config.setupAdmins === undefined) {
    return failure(403, 'setup_changes_disabled', 'Changing the Logto tenant from /setup is turned off on this deployment.', {
      hint: 'Set LOGTO_SETUP_ADMINS to the comma-separated addresses of the people who may, and restart; or run `npm run logto -- sync` where the M2M credentials are.',
    });
  }
  // Only a verified address proves who signed in (as for test sends).
  const email = session.claims.email_verified === true ? session.email?.toLowerCase() : undefined;
  if (email !== undefined && config.setupAdmins.includes(email)) return { ok: true, userId: session.claims.sub, email };
  return failure(403, 'not_setup_admin', `Your account${session.email ? ` (${session.email})` : ''} may see the setup checks but not change the tenant: its verified address is not listed in LOGTO_SETUP_ADMINS.`, {
    params: { email: session.email ?? 'none' },
  });
}
