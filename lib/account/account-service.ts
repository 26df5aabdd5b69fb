import { z } from 'zod';

import { failure, type Failure } from '@/lib/failure/failure';

import { endSession, listSessions, sendEmailCode, setPrimaryEmail, verifyEmailCode, type AccountApiTarget, type LogtoSession } from './account-api';
import { freshFlow, liveIdentity, verifiedIdentityId, type AccountFlow, type AccountNotice } from './account-flow';

/**
 * The account page's steps: change the address (a code to the current address, then one to the
 * new address, then the change) and end other sessions, through Logto's Account API.
 * `runAccountStep` is the entry point; the server actions (actions.ts) only turn a form into an
 * `AccountAction` and store the flow it returns. Every step checks its input before it asks for
 * a token or calls Logto, and every refusal is a `Failure` on the field it concerns.
 */

export type AccountAction =
  | { kind: 'send-identity-code' }
  | { kind: 'verify-identity-code'; code: unknown }
  | { kind: 'send-new-address-code'; email: unknown }
  | { kind: 'verify-new-address-code'; code: unknown }
  | { kind: 'end-session'; session: unknown }
  | { kind: 'end-other-sessions' }
  | { kind: 'cancel' };

export type AccountPerson = { sub: string; email?: string };

export type AccountCall = {
  flow: AccountFlow;
  person: AccountPerson;
  action: AccountAction;
  /** The person's token and language for Logto, asked for only once the input is good. */
  target: () => Promise<{ ok: true; target: AccountApiTarget } | Failure>;
  /** Refreshes the tokens so the session shows the new address (fixture 28); answers it. */
  refreshSession: () => Promise<{ ok: true; email?: string } | Failure>;
  now?: number;
};

export type AccountResult = ({ ok: true; notice?: AccountNotice } | Failure) & { flow: AccountFlow };

export async function runAccountStep(call: AccountCall): Promise<AccountResult> {
  const now = call.now ?? Date.now();
  // Whatever the last step said is replaced by what this one says.
  const flow: AccountFlow = { ...call.flow, failure: undefined, notice: undefined, typedEmail: undefined };
  const { action, person } = call;
  if (action.kind === 'cancel') return { ok: true, flow: keepIdentity(flow, now) };

  const input = parseAction(action, person);
  if (!input.ok) return { ...input, flow: { ...flow, typedEmail: input.typedEmail } };
  const step = requiredState(flow, input.value, now);
  if (!step.ok) return { ...step, flow: step.flow };

  const target = await call.target();
  if (!target.ok) return { ...target, flow };
  const result = await perform(target.target, flow, input.value, now, call.refreshSession);
  // An identity record Logto no longer honours starts the check again.
  if (!result.ok && result.code === 'identity_check_expired') return { ...result, flow: freshFlow(flow.sub) };
  return result;
}

// --- Input ---------------------------------------------------------------------------------------

type ParsedAction =
  | { kind: 'send-identity-code'; email: string }
  | { kind: 'verify-identity-code'; code: string }
  | { kind: 'send-new-address-code'; email: string }
  | { kind: 'verify-new-address-code'; code: string }
  | { kind: 'end-session'; session: string }
  | { kind: 'end-other-sessions' };

type Parsed = { ok: true; value: ParsedAction } | (Failure & { typedEmail?: string });

function parseAction(action: Exclude<AccountAction, { kind: 'cancel' }>, person: AccountPerson): Parsed {
  switch (action.kind) {
    case 'send-identity-code':
      return person.email
        ? { ok: true, value: { kind: action.kind, email: person.email } }
        : failure(409, 'no_email', 'Your account has no email address to send a code to, so it cannot be confirmed here.');
    case 'verify-identity-code':
    case 'verify-new-address-code': {
      const code = parseCode(action.code);
      return code.ok ? { ok: true, value: { kind: action.kind, code: code.value } } : code;
    }
    case 'send-new-address-code': {
      const email = parseEmail(action.email, person.email);
      return email.ok ? { ok: true, value: { kind: action.kind, email: email.value } } : { ...email, typedEmail: typeof action.email === 'string' ? action.email.slice(0, maxAddressLength) : undefined };
    }
    case 'end-session': {
      const session = parseSessionId(action.session);
      return session.ok ? { ok: true, value: { kind: action.kind, session: session.value } } : session;
    }
    case 'end-other-sessions':
      return { ok: true, value: action };
  }
}

/** Logto's codes are 6 digits; spaces a person types or pastes between them are dropped. */
export function parseCode(value: unknown): { ok: true; value: string } | Failure {
  if (typeof value !== 'string' || value.trim() === '') return failure(400, 'missing_code', 'Type the 6-digit code from the email.', { field: 'code' });
  const code = value.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(code)) return failure(400, 'invalid_code', 'The code is the 6 digits from the email, e.g. 123456.', { field: 'code' });
  return { ok: true, value: code };
}

const maxAddressLength = 254;

export function parseEmail(value: unknown, current: string | undefined): { ok: true; value: string } | Failure {
  const onEmail = (code: string, message: string, params?: Failure['params']) => failure(400, code, message, { field: 'email', ...(params && { params }) });
  if (typeof value !== 'string' || value.trim() === '') return onEmail('missing_email', 'Type the new email address, e.g. ada@example.com.');
  const email = value.trim();
  if (email.length > maxAddressLength) return onEmail('invalid_email', `An email address has at most ${maxAddressLength} characters.`, { reason: 'tooLong', max: maxAddressLength });
  if (/[\s,;<>"]/.test(email) || !z.email().safeParse(email).success) return onEmail('invalid_email', 'That is not one email address: type it as ada@example.com.', { reason: 'format' });
  if (current !== undefined && email.toLowerCase() === current.toLowerCase()) return onEmail('same_address', 'That is already your address: type the new one.');
  return { ok: true, value: email };
}

/** Session uids are oidc-provider ids: base64url (fixture 58). */
export function parseSessionId(value: unknown): { ok: true; value: string } | Failure {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(value)) return failure(400, 'invalid_session', 'That is not a session of yours: reload the page and choose again.', { field: 'session' });
  return { ok: true, value };
}

// --- State ---------------------------------------------------------------------------------------

/** Whether the flow is where this step can run; a step from an old page says what to do instead. */
function requiredState(flow: AccountFlow, action: ParsedAction, now: number): { ok: true } | (Failure & { flow: AccountFlow }) {
  const identity = liveIdentity(flow, now);
  const expired = () => ({
    ...failure(401, 'identity_check_expired', 'Your confirmation has expired (it lasts 10 minutes). Confirm it is you again with a new code.', { params: { reason: 'expired' } }),
    flow: freshFlow(flow.sub),
  });
  switch (action.kind) {
    case 'send-identity-code':
      return { ok: true };
    case 'verify-identity-code':
      return identity ? { ok: true } : { ...failure(400, 'step_expired', 'This code has expired. Ask for a new code.', { field: 'code', params: { step: 'identity' } }), flow: freshFlow(flow.sub) };
    case 'verify-new-address-code':
      if (!verifiedIdentityId(flow, now)) return expired();
      return flow.newAddress && flow.newAddress.expiresAt > now
        ? { ok: true }
        : { ...failure(400, 'step_expired', 'This code has expired. Type the new address again for a new code.', { field: 'email', params: { step: 'newAddress' } }), flow: { ...flow, newAddress: undefined } };
    default:
      return verifiedIdentityId(flow, now) ? { ok: true } : expired();
  }
}

const keepIdentity = (flow: AccountFlow, now: number): AccountFlow => ({ sub: flow.sub, identity: verifiedIdentityId(flow, now) ? flow.identity : undefined });

// --- Steps ---------------------------------------------------------------------------------------

async function perform(
  target: AccountApiTarget,
  flow: AccountFlow,
  action: ParsedAction,
  now: number,
  refreshSession: AccountCall['refreshSession'],
): Promise<AccountResult> {
  switch (action.kind) {
    case 'send-identity-code': {
      const sent = await sendEmailCode(target, action.email);
      if (!sent.ok) return { ...sent, flow };
      return { ok: true, flow: { sub: flow.sub, identity: { ...sent.record, email: action.email, verified: false } } };
    }
    case 'verify-identity-code': {
      const identity = flow.identity!;
      const verified = await verifyEmailCode(target, identity.email, identity.recordId, action.code);
      if (!verified.ok) return { ...verified, flow };
      return { ok: true, notice: { key: 'identityConfirmed' }, flow: { sub: flow.sub, identity: { ...identity, verified: true } } };
    }
    case 'send-new-address-code': {
      const sent = await sendEmailCode(target, action.email);
      if (!sent.ok) return { ...sent, flow: { ...flow, typedEmail: action.email } };
      return { ok: true, flow: { ...flow, newAddress: { ...sent.record, email: action.email } } };
    }
    case 'verify-new-address-code':
      return changeAddress(target, flow, action.code, refreshSession);
    case 'end-session':
      return endOneSession(target, flow, action.session, now);
    case 'end-other-sessions':
      return endOtherSessions(target, flow, now);
  }
}

/** Verifies the new address's code, moves the account to it, then refreshes the session to show it. */
async function changeAddress(target: AccountApiTarget, flow: AccountFlow, code: string, refreshSession: AccountCall['refreshSession']): Promise<AccountResult> {
  const newAddress = flow.newAddress!;
  const identityId = flow.identity!.recordId;
  const verified = await verifyEmailCode(target, newAddress.email, newAddress.recordId, code);
  if (!verified.ok) return { ...verified, flow };
  const changed = await setPrimaryEmail(target, identityId, newAddress.email, newAddress.recordId);
  if (!changed.ok) return { ...changed, flow: changed.field === 'email' ? { ...flow, newAddress: undefined, typedEmail: newAddress.email } : flow };
  const after: AccountFlow = { sub: flow.sub, identity: flow.identity };
  const refreshed = await refreshSession();
  if (!refreshed.ok) {
    // The address did change; only this page's copy of it is old until the next sign-in.
    return { ok: true, notice: { key: 'addressChangedSignInAgain', values: { email: newAddress.email } }, flow: after };
  }
  return { ok: true, notice: { key: 'addressChanged', values: { email: refreshed.email ?? newAddress.email } }, flow: after };
}

/** The person's sessions, for the page once the identity check passed. */
export async function loadSessions(target: AccountApiTarget, flow: AccountFlow, now: number = Date.now()): Promise<{ ok: true; sessions: LogtoSession[] } | Failure> {
  const identityId = verifiedIdentityId(flow, now);
  if (!identityId) return failure(401, 'identity_check_expired', 'Confirm it is you to see your sessions.', { params: { reason: 'sessions' } });
  return listSessions(target, identityId);
}

async function endOneSession(target: AccountApiTarget, flow: AccountFlow, uid: string, now: number): Promise<AccountResult> {
  const listed = await loadSessions(target, flow, now);
  if (!listed.ok) return { ...listed, flow };
  const session = listed.sessions.find((candidate) => candidate.uid === uid);
  if (!session) return { ...failure(404, 'session_not_found', 'That session has already ended.', { field: 'session' }), flow };
  if (session.isCurrent) return { ...failure(400, 'current_session', 'That is the session you are using now: use "Sign out" to end it.', { field: 'session' }), flow };
  const ended = await endSession(target, verifiedIdentityId(flow, now)!, uid);
  if (!ended.ok) return { ...ended, flow };
  return { ok: true, notice: { key: 'sessionEnded' }, flow };
}

/** Logto 1.42 has no "all others" call: one DELETE per session (KEY FACTS). */
async function endOtherSessions(target: AccountApiTarget, flow: AccountFlow, now: number): Promise<AccountResult> {
  const listed = await loadSessions(target, flow, now);
  if (!listed.ok) return { ...listed, flow };
  const others = listed.sessions.filter((session) => !session.isCurrent);
  if (others.length === 0) return { ok: true, notice: { key: 'noOtherSessions' }, flow };
  let ended = 0;
  for (const session of others) {
    const result = await endSession(target, verifiedIdentityId(flow, now)!, session.uid);
    // One that ended in the meantime is as good as ended.
    if (!result.ok && result.code !== 'session_not_found') {
      return { ...result, message: `${ended} of ${others.length} other sessions ended, then: ${result.message}`, flow };
    }
    ended += 1;
  }
  return { ok: true, notice: { key: 'otherSessionsEnded', values: { count: ended } }, flow };
}
