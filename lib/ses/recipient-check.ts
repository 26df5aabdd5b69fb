import {
  GetEmailIdentityCommand,
  GetSuppressedDestinationCommand,
  type GetAccountResponse,
  type GetEmailIdentityResponse,
  type GetSuppressedDestinationResponse,
} from '@aws-sdk/client-sesv2';

import { failure, type Failure } from '../failure/failure';
import { classifyNetworkError } from '../failure/network-error';
import { processWide } from '../process/process-wide';

import { mapSesError } from './errors';
import { domainOf, errorName, getAccountAnswer, isAccessDenied, isNotFound, settle, type Answer } from './readiness';
import { getSesClient, type SesSettings } from './send-email';

/**
 * Whether SES would deliver to a recipient, asked before a test send rather than learnt from a
 * "successful" send that never arrives: an address on the account's suppression list is
 * dropped by SES, and an account in the sandbox only delivers to verified identities. The
 * verdict is a pure function of SES's answers (`evaluateRecipient`). A call SES refuses
 * (AccessDenied, throttling, an error) leaves that question unchecked: the check is advice, and
 * must never stop a send SES itself would make. Only when SES does not answer at all (a
 * timeout, no connection) is that the answer, since the send would end the same way.
 */

export type RecipientRefusalCode = 'ses_recipient_suppressed' | 'ses_recipient_not_verified';

export type RecipientAnswers = {
  account: Answer<GetAccountResponse>;
  suppression: Answer<GetSuppressedDestinationResponse>;
  /** Asked only in the sandbox. */
  addressIdentity?: Answer<GetEmailIdentityResponse>;
  domainIdentity?: Answer<GetEmailIdentityResponse>;
};

/** A question left unanswered, and the permission that would answer it. */
export type NotChecked = { what: 'suppression' | 'sandbox'; permission: string; cause: string };

/** A refusal of the recipient, or (from `checkRecipient`) SES not answering at all, as the send would report it. */
export type RecipientVerdict = { ok: true; notChecked: NotChecked[] } | Failure;

// 422: the request is well-formed (not a 400) and the caller may send (not a 403, which this API
// keeps for "you may not"); SES's account state makes this one recipient unreachable.
const refusalStatus = 422;

const formatTime = (time: Date | undefined) => (time && !Number.isNaN(time.getTime()) ? `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an unknown time');

const skipped = (what: NotChecked['what'], permission: string, error: unknown): NotChecked => ({
  what,
  permission,
  cause: isAccessDenied(error) ? 'AccessDenied' : errorName(error) || 'no answer',
});

const isVerified = (answer: Answer<GetEmailIdentityResponse> | undefined) => answer?.ok === true && answer.value.VerifiedForSendingStatus === true;

/** The verdict for `to` (a bare address), from SES's answers. Pure. */
export function evaluateRecipient(to: string, region: string, answers: RecipientAnswers): { ok: true; notChecked: NotChecked[] } | Failure<RecipientRefusalCode> {
  const notChecked: NotChecked[] = [];
  const { suppression } = answers;
  if (suppression.ok && suppression.value.SuppressedDestination) {
    const entry = suppression.value.SuppressedDestination;
    const why = entry.Reason === 'COMPLAINT' ? 'a complaint (the recipient marked a mail as spam)' : 'a bounce';
    return failure(refusalStatus, 'ses_recipient_suppressed', `${to} is on the account's suppression list since ${formatTime(entry.LastUpdateTime)} because of ${why} (${entry.Reason ?? 'unknown reason'}): SES drops every mail to it.`, {
      field: 'to',
      params: { to, since: entry.LastUpdateTime && !Number.isNaN(entry.LastUpdateTime.getTime()) ? entry.LastUpdateTime.toISOString().slice(0, 16).replace('T', ' ') : 'unknown', reason: entry.Reason === 'COMPLAINT' ? 'COMPLAINT' : entry.Reason === 'BOUNCE' ? 'BOUNCE' : 'unknown', region },
      hint: `If the mailbox works now, remove it from the list: aws sesv2 delete-suppressed-destination --email-address ${to} --region ${region} (or SES console > Suppression list), then send again.`,
    });
  }
  if (!suppression.ok && !isNotFound(suppression)) notChecked.push(skipped('suppression', 'ses:GetSuppressedDestination', suppression.error));

  const { account } = answers;
  if (!account.ok) {
    notChecked.push(skipped('sandbox', 'ses:GetAccount', account.error));
    return { ok: true, notChecked };
  }
  if (account.value.ProductionAccessEnabled !== false) return { ok: true, notChecked };

  const { addressIdentity, domainIdentity } = answers;
  if (isVerified(addressIdentity) || isVerified(domainIdentity)) return { ok: true, notChecked };
  const unanswered = [addressIdentity, domainIdentity].find((answer) => answer === undefined || (!answer.ok && !isNotFound(answer)));
  if (unanswered !== undefined || addressIdentity === undefined || domainIdentity === undefined) {
    notChecked.push(skipped('sandbox', 'ses:GetEmailIdentity', unanswered && !unanswered.ok ? unanswered.error : undefined));
    return { ok: true, notChecked };
  }
  const domain = domainOf(to);
  const pending = [addressIdentity, domainIdentity].some((answer) => answer.ok);
  return failure(
    refusalStatus,
    'ses_recipient_not_verified',
    `The SES account is in the sandbox in ${region}, where mail only reaches verified identities, and neither ${to} nor ${domain} is ${pending ? 'verified yet (its verification is pending)' : 'a verified identity'}: SES would refuse this send.`,
    {
      field: 'to',
      params: { to, domain, region, pending: pending ? 'yes' : 'no' },
      hint: `Verify ${to} (SES console > Identities > Create identity, then the link AWS mails to it) or its domain in ${region}, or request production access for the account.`,
    },
  );
}

// Once per process and question: a key without the permission would otherwise log every send.
const loggedSkips = () => processWide('ses-recipient-check-skips', () => new Set<string>());

function logOnce({ what, permission, cause }: NotChecked) {
  const key = `${what}:${permission}:${cause}`;
  if (loggedSkips().has(key)) return;
  loggedSkips().add(key);
  console.warn(
    cause === 'AccessDenied'
      ? `[test-send] The ${what} check before test sends is not made: the access key may not call ${permission} (AccessDenied); sending anyway. Allow ${permission} to check it.`
      : `[test-send] The ${what} check before a test send was not made (${permission} answered ${cause}); sending anyway.`,
  );
}

/** SES gave no answer in time, or could not be reached: the send would fare the same. */
const noAnswer = (error: unknown) => ['AbortError', 'TimeoutError'].includes(errorName(error)) || classifyNetworkError(error) !== undefined;

/**
 * Asks SES about `to` and judges it. The account's state comes from the readiness cache (a
 * minute); the suppression list and the identities are asked each time, and every call shares
 * one deadline, the SES timeout, so the whole check never takes longer than one call may.
 */
export async function checkRecipient(settings: SesSettings, to: string): Promise<RecipientVerdict> {
  const client = getSesClient(settings);
  const options = { abortSignal: AbortSignal.timeout(settings.timeoutMs) };
  const address = to.toLowerCase();
  // The account is nearly always cached (a minute, with the readiness checks): knowing first
  // whether it is sandboxed lets every other question go out at once, one round trip per send.
  const account = await getAccountAnswer(settings);
  const sandboxed = account.ok && account.value.ProductionAccessEnabled === false;
  const identity = (name: string) => (sandboxed ? settle(client.send(new GetEmailIdentityCommand({ EmailIdentity: name }), options)) : undefined);
  const [suppression, addressIdentity, domainIdentity] = await Promise.all([
    settle(client.send(new GetSuppressedDestinationCommand({ EmailAddress: address }), options)),
    identity(address),
    identity(domainOf(address)),
  ]);
  const answers: RecipientAnswers = { account, suppression, addressIdentity, domainIdentity };
  // Waiting for the send to time out as well would double the wait: answer as the send would.
  const lost = [answers.account, answers.suppression, answers.addressIdentity, answers.domainIdentity].find((answer) => answer?.ok === false && noAnswer(answer.error));
  if (lost && !lost.ok) return mapSesError(lost.error, settings.connector);
  const verdict = evaluateRecipient(to, settings.connector.region, answers);
  if (verdict.ok) verdict.notChecked.forEach(logOnce);
  return verdict;
}
