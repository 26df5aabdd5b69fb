import { createHash } from 'node:crypto';

import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  GetEmailIdentityCommand,
  type GetAccountResponse,
  type GetConfigurationSetEventDestinationsResponse,
  type GetConfigurationSetResponse,
  type GetEmailIdentityResponse,
} from '@aws-sdk/client-sesv2';

import { processWide } from '../process/process-wide';

import type { AwsSesConnectorConfig } from './connector-config';
import { mapSesError } from './errors';
import { getSesClient, type SesSettings } from './send-email';

/**
 * Whether a code sent now can arrive: what SES says of the account, the sender identity and
 * the configuration set, as checks a person can act on. The verdicts are pure functions of
 * SES's answers (`evaluateReadiness`), so every state is testable without AWS.
 */

/** `warn`: mail goes out, but something limits who gets it or how it fares (the sandbox, DKIM pending). */
export type CheckVerdict = 'pass' | 'warn' | 'fail' | 'not-checked';

export type ReadinessCheck = {
  id: string;
  group: 'account' | 'sender' | 'configuration-set';
  title: string;
  verdict: CheckVerdict;
  /** What SES says, in a sentence. */
  detail: string;
  /** How to fix a `fail` or `warn`, or what to grant for a `not-checked`. */
  fix?: string;
  /** The IAM action the key lacks, for a `not-checked` caused by AccessDenied. */
  permission?: string;
};

export type Readiness = {
  /** No check failed or went unchecked. */
  ready: boolean;
  region: string;
  checkedAt: string;
  checks: ReadinessCheck[];
};

/** One SES call's outcome: its answer, or what it threw. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: unknown };

export type ReadinessAnswers = {
  account: Answer<GetAccountResponse>;
  /** GetEmailIdentity for the sender's address; absent without an address. */
  addressIdentity?: Answer<GetEmailIdentityResponse>;
  /** GetEmailIdentity for the sender's domain. */
  domainIdentity?: Answer<GetEmailIdentityResponse>;
  /** Absent when configurationSetName is not set. */
  configurationSet?: Answer<GetConfigurationSetResponse>;
  eventDestinations?: Answer<GetConfigurationSetEventDestinationsResponse>;
};

export type ReadinessOptions = {
  /** SES_EVENTS_TOPIC_ARNS: an SNS destination should publish to one of these. */
  eventTopicArns?: readonly string[];
  now?: Date;
};

/** `Logto <no-reply@example.com>` -> `no-reply@example.com`: the identity SES checks is the bare address. */
export function senderAddressOf(emailAddress: string | undefined): string | undefined {
  if (!emailAddress?.trim()) return undefined;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(emailAddress)?.[1];
  const address = (bracketed ?? emailAddress).trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
}

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

const permissions = {
  account: 'ses:GetAccount',
  identity: 'ses:GetEmailIdentity',
  configurationSet: 'ses:GetConfigurationSet',
  eventDestinations: 'ses:GetConfigurationSetEventDestinations',
} as const;

export const errorName = (error: unknown) => (typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '');

export const isAccessDenied = (error: unknown) => ['AccessDeniedException', 'AccessDenied'].includes(errorName(error));

export const isNotFound = (answer: Answer<unknown> | undefined) => answer !== undefined && !answer.ok && errorName(answer.error) === 'NotFoundException';

/** A call that failed for another reason than the one a check is about: say why it was not checked. */
function notChecked(base: Omit<ReadinessCheck, 'verdict' | 'detail' | 'fix' | 'permission'>, error: unknown, permission: string, config: AwsSesConnectorConfig): ReadinessCheck {
  if (isAccessDenied(error)) {
    return {
      ...base,
      verdict: 'not-checked',
      detail: `Not checked: the access key may not call ${permission}.`,
      fix: `Allow ${permission} to the IAM user of accessKeyId (see the IAM policy in the README), or accept that this is not checked.`,
      permission,
    };
  }
  const answer = mapSesError(error, config);
  return { ...base, verdict: 'not-checked', detail: `Not checked: ${answer.message}`, ...(answer.hint ? { fix: answer.hint } : {}) };
}

function accountChecks(answer: Answer<GetAccountResponse>, config: AwsSesConnectorConfig): ReadinessCheck[] {
  const ids = [
    ['account-access', 'Production access'],
    ['account-sending', 'Sending enabled'],
    ['account-enforcement', 'Enforcement status'],
    ['account-quota', '24-hour quota'],
    ['account-rate', 'Maximum send rate'],
  ] as const;
  if (!answer.ok) return ids.map(([id, title]) => notChecked({ id, group: 'account', title }, answer.error, permissions.account, config));

  const account = answer.value;
  const region = config.region;
  const checks: ReadinessCheck[] = [];
  checks.push(
    account.ProductionAccessEnabled
      ? { id: 'account-access', group: 'account', title: 'Production access', verdict: 'pass', detail: `The account has production access in ${region}: mail may go to any address.` }
      : {
          id: 'account-access',
          group: 'account',
          title: 'Production access',
          verdict: 'warn',
          detail: `The account is in the SES sandbox in ${region}: mail only reaches verified identities (addresses or domains verified in SES), so people signing up with any other address get no code.`,
          fix: `Request production access in the SES console (Account dashboard > Request production access) for ${region}.`,
        },
  );
  checks.push(
    account.SendingEnabled === false
      ? {
          id: 'account-sending',
          group: 'account',
          title: 'Sending enabled',
          verdict: 'fail',
          detail: `Sending is paused for the whole account in ${region}: every send is refused.`,
          fix: `Resume it once the cause is fixed: aws sesv2 put-account-sending-attributes --sending-enabled --region ${region}.`,
        }
      : { id: 'account-sending', group: 'account', title: 'Sending enabled', verdict: 'pass', detail: 'Sending is enabled for the account.' },
  );
  const enforcement = account.EnforcementStatus ?? 'HEALTHY';
  checks.push(
    enforcement === 'HEALTHY'
      ? { id: 'account-enforcement', group: 'account', title: 'Enforcement status', verdict: 'pass', detail: 'Enforcement status HEALTHY: bounce and complaint rates are within limits.' }
      : {
          id: 'account-enforcement',
          group: 'account',
          title: 'Enforcement status',
          verdict: enforcement === 'PROBATION' ? 'warn' : 'fail',
          detail:
            enforcement === 'PROBATION'
              ? 'Enforcement status PROBATION: bounce or complaint rates were too high; sending stops if they are not brought down.'
              : `Enforcement status ${enforcement}: AWS has stopped this account's sending.`,
          fix: `Open the SES console's Reputation metrics in ${region}, fix the cause of the bounces or complaints, and answer AWS's case.`,
        },
  );

  const sent = account.SendQuota?.SentLast24Hours ?? 0;
  const max = account.SendQuota?.Max24HourSend;
  if (max === undefined || max < 0) {
    checks.push({ id: 'account-quota', group: 'account', title: '24-hour quota', verdict: 'pass', detail: `${sent} sent in the last 24 hours; no daily maximum reported.` });
  } else {
    const used = max === 0 ? 1 : sent / max;
    const text = `${formatCount(sent)} of ${formatCount(max)} sent in the last 24 hours (${Math.round(used * 100)} %).`;
    checks.push(
      used >= 1
        ? { id: 'account-quota', group: 'account', title: '24-hour quota', verdict: 'fail', detail: `${text} The quota is used up: sends are refused until older ones leave the 24-hour window.`, fix: `Request a higher sending quota in the SES console (Service quotas) for ${region}.` }
        : used >= 0.8
          ? { id: 'account-quota', group: 'account', title: '24-hour quota', verdict: 'warn', detail: `${text} Close to the maximum.`, fix: `Request a higher sending quota in the SES console (Service quotas) for ${region}.` }
          : { id: 'account-quota', group: 'account', title: '24-hour quota', verdict: 'pass', detail: text },
    );
  }
  const rate = account.SendQuota?.MaxSendRate;
  checks.push({
    id: 'account-rate',
    group: 'account',
    title: 'Maximum send rate',
    verdict: 'pass',
    detail: rate === undefined ? 'No maximum send rate reported.' : `At most ${formatCount(rate)} email${rate === 1 ? '' : 's'} per second; faster sends are throttled.`,
  });
  return checks;
}

const formatCount = (value: number) => value.toLocaleString('en-US');

type FoundIdentity = { name: string; kind: 'address' | 'domain'; identity: GetEmailIdentityResponse };

function senderChecks(answers: ReadinessAnswers, config: AwsSesConnectorConfig): ReadinessCheck[] {
  const address = senderAddressOf(config.emailAddress);
  const region = config.region;
  const base = { group: 'sender' as const };
  const arnCheck = arnChecks(config);
  if (!address) {
    return [
      {
        ...base,
        id: 'sender-identity',
        title: 'Sender identity',
        verdict: 'fail',
        detail: config.emailAddress ? 'emailAddress is not an email address (or "Name <address>").' : 'emailAddress is not set: SES refuses to send without a sender.',
        fix: 'Set emailAddress in AWS_SES_CONFIG to an address whose address or domain is verified in SES, e.g. "Logto <no-reply@example.com>".',
      },
      ...arnCheck,
    ];
  }
  const domain = domainOf(address);
  const found = foundIdentity(answers, address, domain);
  if (found.kind === 'error') {
    const check = notChecked({ ...base, id: 'sender-identity', title: 'Sender identity' }, found.error, permissions.identity, config);
    return [check, { ...check, id: 'sender-dkim', title: 'DKIM' }, { ...check, id: 'sender-mail-from', title: 'Custom MAIL FROM' }, ...arnCheck];
  }
  if (found.kind === 'missing') {
    const fix = `Verify ${domain} (or ${address}) in the SES console (Identities > Create identity) in ${region}, the region of the connector.`;
    const detail = `Neither ${address} nor ${domain} is an identity in ${region}: SES refuses to send from it.`;
    return [
      { ...base, id: 'sender-identity', title: 'Sender identity', verdict: 'fail', detail, fix },
      { ...base, id: 'sender-dkim', title: 'DKIM', verdict: 'fail', detail: 'No identity, so no DKIM.', fix },
      { ...base, id: 'sender-mail-from', title: 'Custom MAIL FROM', verdict: 'pass', detail: 'No identity, so no custom MAIL FROM.' },
      ...arnCheck,
    ];
  }

  const { name, kind, identity } = found.found;
  const what = kind === 'address' ? `the address ${name}` : `the domain ${name}`;
  const checks: ReadinessCheck[] = [];
  checks.push(
    identity.VerifiedForSendingStatus
      ? { ...base, id: 'sender-identity', title: 'Sender identity', verdict: 'pass', detail: `${address} is sent as ${what}, verified for sending in ${region}.` }
      : {
          ...base,
          id: 'sender-identity',
          title: 'Sender identity',
          verdict: 'fail',
          detail: `${what.charAt(0).toUpperCase()}${what.slice(1)} is an identity in ${region} but not verified for sending (status ${identity.VerificationStatus ?? 'unknown'}).`,
          fix:
            kind === 'domain'
              ? `Publish the DKIM CNAME records the SES console shows for ${name} in its DNS; verification follows within hours.`
              : `Click the link in the verification mail AWS sent to ${name}, or resend it from the SES console (Identities).`,
        },
  );

  const dkim = identity.DkimAttributes;
  const dkimStatus = dkim?.Status ?? 'NOT_STARTED';
  const dkimFix = `Set up Easy DKIM for ${kind === 'domain' ? name : domain}: publish the three CNAME records of the SES console (Identities > ${kind === 'domain' ? name : domain} > Authentication).`;
  checks.push(
    dkim?.SigningEnabled && dkimStatus === 'SUCCESS'
      ? { ...base, id: 'sender-dkim', title: 'DKIM', verdict: 'pass', detail: `DKIM is verified and mail from ${what} is signed.` }
      : dkimStatus === 'SUCCESS'
        ? { ...base, id: 'sender-dkim', title: 'DKIM', verdict: 'warn', detail: 'DKIM is verified but signing is turned off: mail is less likely to reach the inbox.', fix: `Turn DKIM signing on for ${name} in the SES console (Authentication > DKIM).` }
        : {
            ...base,
            id: 'sender-dkim',
            title: 'DKIM',
            verdict: 'warn',
            detail: `DKIM status ${dkimStatus}${dkimStatus === 'PENDING' ? ' (SES is still looking for the DNS records)' : ''}: mail is not signed for ${kind === 'domain' ? name : domain}, so receivers are more likely to file it as spam.`,
            fix: dkimFix,
          },
  );

  const mailFrom = identity.MailFromAttributes;
  if (!mailFrom?.MailFromDomain) {
    checks.push({ ...base, id: 'sender-mail-from', title: 'Custom MAIL FROM', verdict: 'pass', detail: 'No custom MAIL FROM domain: SES uses its own (amazonses.com).' });
  } else if (mailFrom.MailFromDomainStatus === 'SUCCESS') {
    checks.push({ ...base, id: 'sender-mail-from', title: 'Custom MAIL FROM', verdict: 'pass', detail: `Custom MAIL FROM ${mailFrom.MailFromDomain} is set up.` });
  } else {
    const rejects = mailFrom.BehaviorOnMxFailure === 'REJECT_MESSAGE';
    checks.push({
      ...base,
      id: 'sender-mail-from',
      title: 'Custom MAIL FROM',
      verdict: rejects ? 'fail' : 'warn',
      detail: `Custom MAIL FROM ${mailFrom.MailFromDomain} has status ${mailFrom.MailFromDomainStatus ?? 'unknown'}: ${rejects ? 'SES rejects every send until its MX record is found' : 'SES falls back to amazonses.com meanwhile'}.`,
      fix: `Publish the MX and SPF (TXT) records the SES console shows for ${mailFrom.MailFromDomain}.`,
    });
  }
  return [...checks, ...arnCheck];
}

function foundIdentity(
  answers: ReadinessAnswers,
  address: string,
  domain: string,
): { kind: 'found'; found: FoundIdentity } | { kind: 'missing' } | { kind: 'error'; error: unknown } {
  const { addressIdentity, domainIdentity } = answers;
  // SES sends as the address identity when there is one, else as its domain.
  if (addressIdentity?.ok) return { kind: 'found', found: { name: address, kind: 'address', identity: addressIdentity.value } };
  if (addressIdentity && !isNotFound(addressIdentity)) return { kind: 'error', error: addressIdentity.error };
  if (domainIdentity?.ok) return { kind: 'found', found: { name: domain, kind: 'domain', identity: domainIdentity.value } };
  if (domainIdentity && !isNotFound(domainIdentity)) return { kind: 'error', error: domainIdentity.error };
  return { kind: 'missing' };
}

/** `arn:aws:ses:us-east-1:123456789012:identity/example.com` */
const identityArnPattern = /^arn:aws[a-z-]*:ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/;

/** The ARN fields must name the identity the address is sent as, in the connector's region. */
function arnChecks(config: AwsSesConnectorConfig): ReadinessCheck[] {
  const pairs = [
    ['emailAddressIdentityArn', config.emailAddressIdentityArn, config.emailAddress],
    ['feedbackForwardingEmailAddressIdentityArn', config.feedbackForwardingEmailAddressIdentityArn, config.feedbackForwardingEmailAddress],
  ] as const;
  const set = pairs.filter(([, arn]) => arn);
  const base = { group: 'sender' as const, id: 'sender-arns', title: 'Identity ARNs' };
  if (set.length === 0) return [{ ...base, verdict: 'pass', detail: 'No identity ARNs set: SES uses the identities of this account (no sending authorization).' }];

  const problems: string[] = [];
  for (const [field, arn, addressField] of set) {
    const match = identityArnPattern.exec(arn ?? '');
    if (!match) {
      problems.push(`${field} is not an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<address or domain>).`);
      continue;
    }
    const [, region, , identity = ''] = match;
    if (region !== config.region) problems.push(`${field} names region ${region}, but the connector sends in ${config.region}.`);
    const address = senderAddressOf(addressField);
    const names = address ? [address, domainOf(address)] : [];
    if (names.length > 0 && !names.includes(identity.toLowerCase())) {
      problems.push(`${field} names the identity ${identity}, not ${names.join(' or ')}.`);
    }
  }
  return problems.length === 0
    ? [{ ...base, verdict: 'pass', detail: `${set.map(([field]) => field).join(' and ')} name${set.length === 1 ? 's' : ''} the sending identity in ${config.region}.` }]
    : [{ ...base, verdict: 'fail', detail: problems.join(' '), fix: `Copy the ARN of the identity from the SES console (Identities) in ${config.region}, or remove the field when not using sending authorization.` }];
}

function configurationSetChecks(answers: ReadinessAnswers, config: AwsSesConnectorConfig, options: ReadinessOptions): ReadinessCheck[] {
  const name = config.configurationSetName;
  const base = { group: 'configuration-set' as const, id: 'configuration-set', title: 'Configuration set' };
  if (!name) {
    return [{ ...base, verdict: 'pass', detail: 'No configurationSetName: mail is sent without one, so SES publishes no delivery events for it.' }];
  }
  const set = answers.configurationSet;
  if (!set) return [{ ...base, verdict: 'not-checked', detail: 'Not checked.' }];
  if (!set.ok) {
    return isNotFound(set)
      ? [{ ...base, verdict: 'fail', detail: `The configuration set "${name}" does not exist in ${config.region}: SES refuses every send that names it.`, fix: `Create it (SES console > Configuration sets) in ${config.region}, or remove configurationSetName.` }]
      : [notChecked(base, set.error, permissions.configurationSet, config)];
  }
  const checks: ReadinessCheck[] = [];
  checks.push(
    set.value.SendingOptions?.SendingEnabled === false
      ? { ...base, verdict: 'fail', detail: `The configuration set "${name}" exists but its sending is paused.`, fix: `Resume it: aws sesv2 put-configuration-set-sending-options --configuration-set-name ${name} --sending-enabled --region ${config.region}.` }
      : { ...base, verdict: 'pass', detail: `The configuration set "${name}" exists in ${config.region}.` },
  );

  const destinationsBase = { group: 'configuration-set' as const, id: 'configuration-set-events', title: 'Event destination' };
  const destinations = answers.eventDestinations;
  if (!destinations || !destinations.ok) {
    checks.push(notChecked(destinationsBase, destinations?.ok === false ? destinations.error : undefined, permissions.eventDestinations, config));
    return checks;
  }
  const enabled = (destinations.value.EventDestinations ?? []).filter((destination) => destination.Enabled);
  const sns = enabled.filter((destination) => destination.SnsDestination?.TopicArn);
  const allowed = options.eventTopicArns ?? [];
  const eventsFix = `Add an event destination of type Amazon SNS to "${name}" for Send, Delivery, Bounce, Complaint, Reject and Delivery delay, to a topic subscribed to <base URL>/api/ses/events and listed in SES_EVENTS_TOPIC_ARNS (see the README).`;
  if (enabled.length === 0) {
    checks.push({ ...destinationsBase, verdict: 'fail', detail: `"${name}" has no enabled event destination: bounces and complaints are never reported.`, fix: eventsFix });
  } else if (sns.length === 0) {
    checks.push({ ...destinationsBase, verdict: 'warn', detail: `"${name}" publishes events to ${enabled.map((destination) => destination.Name).join(', ')}, but not to SNS: this app does not see them.`, fix: eventsFix });
  } else if (allowed.length > 0 && !sns.some((destination) => allowed.includes(destination.SnsDestination?.TopicArn ?? ''))) {
    checks.push({ ...destinationsBase, verdict: 'warn', detail: `"${name}" publishes to SNS topics that are not in SES_EVENTS_TOPIC_ARNS, so this app refuses their events.`, fix: 'Add the topic ARN to SES_EVENTS_TOPIC_ARNS, or point the destination at a listed topic.' });
  } else {
    const types = [...new Set(sns.flatMap((destination) => destination.MatchingEventTypes ?? []))];
    checks.push({ ...destinationsBase, verdict: 'pass', detail: `"${name}" publishes ${types.join(', ') || 'events'} to SNS (${sns.map((destination) => destination.SnsDestination?.TopicArn).join(', ')}).` });
  }
  return checks;
}

/** The verdicts of every check, from SES's answers. Pure. */
export function evaluateReadiness(config: AwsSesConnectorConfig, answers: ReadinessAnswers, options: ReadinessOptions = {}): Readiness {
  const checks = [...accountChecks(answers.account, config), ...senderChecks(answers, config), ...configurationSetChecks(answers, config, options)];
  return {
    ready: checks.every((check) => check.verdict === 'pass' || check.verdict === 'warn'),
    region: config.region,
    checkedAt: (options.now ?? new Date()).toISOString(),
    checks,
  };
}

/** A call's outcome as a value, so one failed call does not hide the others. */
export const settle = <T>(promise: Promise<T>): Promise<Answer<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export const readinessCacheMs = 60_000;

/** One hash per settings: the caches below are keyed by it, never by the settings (they hold the secret). */
const settingsHash = (settings: SesSettings, extra: unknown = []) =>
  createHash('sha256').update(JSON.stringify([settings.connector, settings.endpoint ?? '', settings.timeoutMs, extra])).digest('hex');

type AccountEntry = { at: number; answer: Promise<Answer<GetAccountResponse>> };

// The account's state (sandbox or not) is shared by the readiness checks and the recipient
// checks before a test send: one GetAccount a minute per settings, whoever asks first.
const accountCache = processWide('ses-account', () => new Map<string, AccountEntry>());

/** GetAccount's answer for these settings, at most a minute old, given within the SES timeout. */
export function getAccountAnswer(settings: SesSettings, { fresh = false }: { fresh?: boolean } = {}): Promise<Answer<GetAccountResponse>> {
  const key = settingsHash(settings);
  const now = Date.now();
  const cached = accountCache.get(key);
  if (cached && !fresh && now - cached.at < readinessCacheMs) return cached.answer;
  for (const [entryKey, entry] of accountCache) if (now - entry.at >= readinessCacheMs) accountCache.delete(entryKey);
  const answer = settle(getSesClient(settings).send(new GetAccountCommand({}), { abortSignal: AbortSignal.timeout(settings.timeoutMs) }));
  accountCache.set(key, { at: now, answer });
  // Only answers are kept: after a timeout or an error the next caller asks again.
  void answer.then((result) => {
    if (!result.ok && accountCache.get(key)?.answer === answer) accountCache.delete(key);
  });
  return answer;
}

/** Asks SES everything at once, so that the whole takes one round trip, at most `timeoutMs`. */
export async function fetchReadinessAnswers(settings: SesSettings, { fresh = false }: { fresh?: boolean } = {}): Promise<ReadinessAnswers> {
  const client = getSesClient(settings);
  const options = { abortSignal: AbortSignal.timeout(settings.timeoutMs) };
  const { connector } = settings;
  const address = senderAddressOf(connector.emailAddress);
  const setName = connector.configurationSetName;
  const [account, addressIdentity, domainIdentity, configurationSet, eventDestinations] = await Promise.all([
    getAccountAnswer(settings, { fresh }),
    address ? settle(client.send(new GetEmailIdentityCommand({ EmailIdentity: address }), options)) : undefined,
    address ? settle(client.send(new GetEmailIdentityCommand({ EmailIdentity: domainOf(address) }), options)) : undefined,
    setName ? settle(client.send(new GetConfigurationSetCommand({ ConfigurationSetName: setName }), options)) : undefined,
    setName ? settle(client.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: setName }), options)) : undefined,
  ]);
  return { account, addressIdentity, domainIdentity, configurationSet, eventDestinations };
}

type CacheEntry = { at: number; readiness: Promise<Readiness> };

// One cache per process (the page and the CLI's bundles alike), keyed by a hash of the settings.
const cache = processWide('ses-readiness', () => new Map<string, CacheEntry>());

const cacheKey = (settings: SesSettings, options: ReadinessOptions) => settingsHash(settings, options.eventTopicArns ?? []);

/**
 * The readiness of these settings, at most a minute old. Concurrent callers share one round of
 * calls; the calls never take longer than the SES timeout.
 */
export function getSesReadiness(settings: SesSettings, options: ReadinessOptions & { fresh?: boolean } = {}): Promise<Readiness> {
  const key = cacheKey(settings, options);
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && !options.fresh && now - cached.at < readinessCacheMs) return cached.readiness;
  for (const [entryKey, entry] of cache) if (now - entry.at >= readinessCacheMs) cache.delete(entryKey);
  const readiness = fetchReadinessAnswers(settings, { fresh: options.fresh }).then((answers) => evaluateReadiness(settings.connector, answers, options));
  cache.set(key, { at: now, readiness });
  return readiness;
}
