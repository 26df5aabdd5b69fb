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

import { failureMessage, message, messageText, type Message, type MessageValue } from '../i18n/message';
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

export type ReadinessCheckId =
  | 'account-access'
  | 'account-sending'
  | 'account-enforcement'
  | 'account-quota'
  | 'account-rate'
  | 'sender-identity'
  | 'sender-dkim'
  | 'sender-mail-from'
  | 'sender-arns'
  | 'configuration-set'
  | 'configuration-set-events';

export type ReadinessCheck = {
  id: ReadinessCheckId;
  group: 'account' | 'sender' | 'configuration-set';
  /** English, for the CLI and the JSON; pages show `Readiness.titles.<id>`. */
  title: string;
  verdict: CheckVerdict;
  /** What SES says, in a sentence (English; `text.detail` for a page). */
  detail: string;
  /** How to fix a `fail` or `warn`, or what to grant for a `not-checked`. */
  fix?: string;
  /** The IAM action the key lacks, for a `not-checked` caused by AccessDenied. */
  permission?: string;
  /** The same sentences as catalogue messages, for a page in its reader's language. */
  text: { detail: Message; fix?: Message };
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

const groupOf = (id: ReadinessCheckId): ReadinessCheck['group'] => (id.startsWith('account') ? 'account' : id.startsWith('sender') ? 'sender' : 'configuration-set');

const detail = (key: string, values?: Record<string, MessageValue>) => message(`Readiness.detail.${key}`, values);
const fix = (key: string, values?: Record<string, MessageValue>) => message(`Readiness.fix.${key}`, values);

/** One verdict, its sentences as messages and (for the CLI and the JSON) in English. */
function verdictOf(id: ReadinessCheckId, verdict: CheckVerdict, detailText: Message, fixText?: Message, permission?: string): ReadinessCheck {
  return {
    id,
    group: groupOf(id),
    title: messageText('en', message(`Readiness.titles.${id}`)),
    verdict,
    detail: messageText('en', detailText),
    ...(fixText ? { fix: messageText('en', fixText) } : {}),
    ...(permission ? { permission } : {}),
    text: fixText ? { detail: detailText, fix: fixText } : { detail: detailText },
  };
}

/** A call that failed for another reason than the one a check is about: say why it was not checked. */
function notChecked(id: ReadinessCheckId, error: unknown, permission: string, config: AwsSesConnectorConfig): ReadinessCheck {
  if (isAccessDenied(error)) {
    return verdictOf(id, 'not-checked', detail('notCheckedDenied', { permission }), fix('notCheckedDenied', { permission }), permission);
  }
  const answer = mapSesError(error, config);
  const reason = failureMessage(answer) ?? detail('notChecked');
  return verdictOf(id, 'not-checked', detail('notCheckedError', { reason }), failureMessage(answer, 'hint'));
}

function accountChecks(answer: Answer<GetAccountResponse>, config: AwsSesConnectorConfig): ReadinessCheck[] {
  const ids = ['account-access', 'account-sending', 'account-enforcement', 'account-quota', 'account-rate'] as const;
  if (!answer.ok) return ids.map((id) => notChecked(id, answer.error, permissions.account, config));

  const account = answer.value;
  const { region } = config;
  const checks: ReadinessCheck[] = [];
  checks.push(
    account.ProductionAccessEnabled
      ? verdictOf('account-access', 'pass', detail('production', { region }))
      : verdictOf('account-access', 'warn', detail('sandbox', { region }), fix('sandbox', { region })),
  );
  checks.push(
    account.SendingEnabled === false
      ? verdictOf('account-sending', 'fail', detail('sendingPaused', { region }), fix('sendingPaused', { region }))
      : verdictOf('account-sending', 'pass', detail('sendingEnabled')),
  );
  const enforcement = account.EnforcementStatus ?? 'HEALTHY';
  checks.push(
    enforcement === 'HEALTHY'
      ? verdictOf('account-enforcement', 'pass', detail('enforcementHealthy'))
      : enforcement === 'PROBATION'
        ? verdictOf('account-enforcement', 'warn', detail('enforcementProbation'), fix('enforcement', { region }))
        : verdictOf('account-enforcement', 'fail', detail('enforcementStopped', { status: enforcement }), fix('enforcement', { region })),
  );

  const sent = account.SendQuota?.SentLast24Hours ?? 0;
  const max = account.SendQuota?.Max24HourSend;
  if (max === undefined || max < 0) {
    checks.push(verdictOf('account-quota', 'pass', detail('quotaUnlimited', { sent })));
  } else {
    const used = max === 0 ? 1 : sent / max;
    const usage = detail('quota', { sent, max, percent: Math.round(used * 100) });
    checks.push(
      used >= 1
        ? verdictOf('account-quota', 'fail', detail('quotaUsedUp', { usage }), fix('quota', { region }))
        : used >= 0.8
          ? verdictOf('account-quota', 'warn', detail('quotaClose', { usage }), fix('quota', { region }))
          : verdictOf('account-quota', 'pass', usage),
    );
  }
  const rate = account.SendQuota?.MaxSendRate;
  checks.push(verdictOf('account-rate', 'pass', rate === undefined ? detail('rateUnknown') : detail('rate', { rate })));
  return checks;
}

type FoundIdentity = { name: string; kind: 'address' | 'domain'; identity: GetEmailIdentityResponse };

function senderChecks(answers: ReadinessAnswers, config: AwsSesConnectorConfig): ReadinessCheck[] {
  const address = senderAddressOf(config.emailAddress);
  const { region } = config;
  const arnCheck = arnChecks(config);
  if (!address) {
    return [
      verdictOf(
        'sender-identity',
        'fail',
        config.emailAddress ? detail('senderInvalid', { example: '"Name <address>"' }) : detail('senderMissing'),
        fix('senderSet', { example: '"Logto <no-reply@example.com>"' }),
      ),
      ...arnCheck,
    ];
  }
  const domain = domainOf(address);
  const found = foundIdentity(answers, address, domain);
  if (found.kind === 'error') {
    return [...(['sender-identity', 'sender-dkim', 'sender-mail-from'] as const).map((id) => notChecked(id, found.error, permissions.identity, config)), ...arnCheck];
  }
  if (found.kind === 'missing') {
    const verify = fix('verifyIdentity', { address, domain, region });
    return [
      verdictOf('sender-identity', 'fail', detail('identityMissing', { address, domain, region }), verify),
      verdictOf('sender-dkim', 'fail', detail('dkimNoIdentity'), verify),
      verdictOf('sender-mail-from', 'pass', detail('mailFromNoIdentity')),
      ...arnCheck,
    ];
  }

  const { name, kind, identity } = found.found;
  const checks: ReadinessCheck[] = [];
  checks.push(
    identity.VerifiedForSendingStatus
      ? verdictOf('sender-identity', 'pass', detail('identityVerified', { address, kind, name, region }))
      : verdictOf(
          'sender-identity',
          'fail',
          detail('identityUnverified', { kind, name, region, status: identity.VerificationStatus ?? 'unknown' }),
          kind === 'domain' ? fix('verifyDomainDns', { name }) : fix('verifyAddressLink', { name }),
        ),
  );

  const dkim = identity.DkimAttributes;
  const dkimStatus = dkim?.Status ?? 'NOT_STARTED';
  const dkimDomain = kind === 'domain' ? name : domain;
  checks.push(
    dkim?.SigningEnabled && dkimStatus === 'SUCCESS'
      ? verdictOf('sender-dkim', 'pass', detail('dkimSigned', { kind, name }))
      : dkimStatus === 'SUCCESS'
        ? verdictOf('sender-dkim', 'warn', detail('dkimNotSigning'), fix('dkimTurnOn', { name }))
        : verdictOf('sender-dkim', 'warn', detail('dkimStatus', { status: dkimStatus, pending: dkimStatus === 'PENDING' ? 'yes' : 'no', domain: dkimDomain }), fix('dkimSetUp', { domain: dkimDomain })),
  );

  const mailFrom = identity.MailFromAttributes;
  if (!mailFrom?.MailFromDomain) {
    checks.push(verdictOf('sender-mail-from', 'pass', detail('mailFromDefault')));
  } else if (mailFrom.MailFromDomainStatus === 'SUCCESS') {
    checks.push(verdictOf('sender-mail-from', 'pass', detail('mailFromReady', { domain: mailFrom.MailFromDomain })));
  } else {
    const rejects = mailFrom.BehaviorOnMxFailure === 'REJECT_MESSAGE';
    checks.push(
      verdictOf(
        'sender-mail-from',
        rejects ? 'fail' : 'warn',
        detail('mailFromPending', { domain: mailFrom.MailFromDomain, status: mailFrom.MailFromDomainStatus ?? 'unknown', rejects: rejects ? 'yes' : 'no' }),
        fix('mailFrom', { domain: mailFrom.MailFromDomain }),
      ),
    );
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
  const { region } = config;
  if (set.length === 0) return [verdictOf('sender-arns', 'pass', detail('arnsNone'))];

  const problems: Message[] = [];
  for (const [field, arn, addressField] of set) {
    const match = identityArnPattern.exec(arn ?? '');
    if (!match) {
      problems.push(detail('arnNotArn', { field, pattern: 'arn:aws:ses:<region>:<account>:identity/<address or domain>' }));
      continue;
    }
    const [, arnRegion = '', , identity = ''] = match;
    if (arnRegion !== region) problems.push(detail('arnRegion', { field, arnRegion, region }));
    const address = senderAddressOf(addressField);
    if (address && ![address, domainOf(address)].includes(identity.toLowerCase())) {
      problems.push(detail('arnIdentity', { field, identity, address, domain: domainOf(address) }));
    }
  }
  const [first = '', second = ''] = set.map(([field]) => field);
  return problems.length === 0
    ? [verdictOf('sender-arns', 'pass', detail('arnsFine', { count: set.length, first, second, region }))]
    : [verdictOf('sender-arns', 'fail', detail('arnProblems', { problems }), fix('arns', { region }))];
}

function configurationSetChecks(answers: ReadinessAnswers, config: AwsSesConnectorConfig, options: ReadinessOptions): ReadinessCheck[] {
  const name = config.configurationSetName;
  const { region } = config;
  if (!name) return [verdictOf('configuration-set', 'pass', detail('setNone'))];
  const set = answers.configurationSet;
  if (!set) return [verdictOf('configuration-set', 'not-checked', detail('notChecked'))];
  if (!set.ok) {
    return isNotFound(set)
      ? [verdictOf('configuration-set', 'fail', detail('setMissing', { name, region }), fix('setCreate', { region }))]
      : [notChecked('configuration-set', set.error, permissions.configurationSet, config)];
  }
  const checks: ReadinessCheck[] = [];
  checks.push(
    set.value.SendingOptions?.SendingEnabled === false
      ? verdictOf('configuration-set', 'fail', detail('setPaused', { name }), fix('setResume', { name, region }))
      : verdictOf('configuration-set', 'pass', detail('setExists', { name, region })),
  );

  const destinations = answers.eventDestinations;
  if (!destinations || !destinations.ok) {
    checks.push(notChecked('configuration-set-events', destinations?.ok === false ? destinations.error : undefined, permissions.eventDestinations, config));
    return checks;
  }
  const enabled = (destinations.value.EventDestinations ?? []).filter((destination) => destination.Enabled);
  const sns = enabled.filter((destination) => destination.SnsDestination?.TopicArn);
  const allowed = options.eventTopicArns ?? [];
  const eventsFix = fix('events', { name, url: '<base URL>/api/ses/events' });
  if (enabled.length === 0) {
    checks.push(verdictOf('configuration-set-events', 'fail', detail('eventsNone', { name }), eventsFix));
  } else if (sns.length === 0) {
    checks.push(verdictOf('configuration-set-events', 'warn', detail('eventsNotSns', { name, destinations: enabled.map((destination) => destination.Name).join(', ') }), eventsFix));
  } else if (allowed.length > 0 && !sns.some((destination) => allowed.includes(destination.SnsDestination?.TopicArn ?? ''))) {
    checks.push(verdictOf('configuration-set-events', 'warn', detail('eventsUnlisted', { name }), fix('eventsList')));
  } else {
    const types = [...new Set(sns.flatMap((destination) => destination.MatchingEventTypes ?? []))];
    const topics = sns.map((destination) => destination.SnsDestination?.TopicArn).join(', ');
    checks.push(verdictOf('configuration-set-events', 'pass', detail('eventsOk', { name, types: types.length > 0 ? types.join(', ') : detail('someEvents'), topics })));
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
