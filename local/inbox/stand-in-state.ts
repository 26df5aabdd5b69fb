import { z } from 'zod';

/**
 * What the local SES says about the account, its identities and its suppression list: the
 * parts of SESv2 that aws-ses-v2-local does not serve. Tests and developers set it through
 * `POST /_stand-in/state`, so every readiness state can be produced on purpose.
 */

export const localRegion = 'us-east-1';
export const localAccountId = '000000000000';
export const localEventsTopicArn = `arn:aws:sns:${localRegion}:${localAccountId}:local-ses-events`;
export const localConfigurationSetName = 'local-ses-events';

const suppressionReason = z.enum(['BOUNCE', 'COMPLAINT']);

const suppressedSchema = z.object({
  emailAddress: z.string().email(),
  reason: suppressionReason,
  /** ISO time; defaults to when it was set. */
  lastUpdateTime: z.string().datetime().optional(),
});

const dkimStatus = z.enum(['SUCCESS', 'PENDING', 'FAILED', 'TEMPORARY_FAILURE', 'NOT_STARTED']);

export const stateSchema = z
  .object({
    productionAccess: z.boolean(),
    sendingEnabled: z.boolean(),
    enforcementStatus: z.enum(['HEALTHY', 'PROBATION', 'SHUTDOWN']),
    quota: z.object({ max24HourSend: z.number().int().min(0), maxSendRate: z.number().min(0), sentLast24Hours: z.number().int().min(0) }).strict(),
    /** Addresses or domains verified for sending (lower case). */
    verifiedIdentities: z.array(z.string().min(1)),
    /** Identities that exist but whose verification is pending. */
    pendingIdentities: z.array(z.string().min(1)),
    dkimStatus,
    /** Configuration sets, each with or without an SNS event destination to the local topic. */
    configurationSets: z.array(z.object({ name: z.string().min(1), eventDestination: z.boolean() }).strict()),
    suppressed: z.array(suppressedSchema),
    /** Mail to these addresses bounces (and the address is then suppressed), as a mailbox that does not exist. */
    bounce: z.array(z.string().email()),
    /** Mail to these addresses is delivered, then marked as spam (and suppressed). */
    complain: z.array(z.string().email()),
    /**
     * Every email address counts as a verified identity (domains still only when listed), so a
     * sandboxed account delivers to any address typed: a stand-in convenience with no SES
     * counterpart, for `npm run dev`, where every mail lands in this inbox anyway.
     */
    anyAddressVerified: z.boolean(),
  })
  .strict();

export type StandInState = z.infer<typeof stateSchema>;

/**
 * A sandboxed account in good standing whose sender address and its domain are verified, as a
 * fresh SES account is once its owner has verified their domain (Easy DKIM). In the sandbox
 * that domain's addresses may receive too, as in SES: the suites' recipients are all at the
 * sender's domain (example.com), any other domain is refused as not verified.
 */
export function defaultState(senderIdentity: string, { anyAddressVerified = false }: { anyAddressVerified?: boolean } = {}): StandInState {
  const sender = senderIdentity.toLowerCase();
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  return {
    productionAccess: false,
    sendingEnabled: true,
    enforcementStatus: 'HEALTHY',
    quota: { max24HourSend: 200, maxSendRate: 1, sentLast24Hours: 0 },
    verifiedIdentities: [...new Set([sender, domain])],
    pendingIdentities: [],
    dkimStatus: 'SUCCESS',
    configurationSets: [{ name: localConfigurationSetName, eventDestination: true }],
    suppressed: [],
    bounce: [],
    complain: [],
    anyAddressVerified,
  };
}

export type StateUpdate = { ok: true; state: StandInState } | { ok: false; field: string; message: string };

/** A partial state merged over the current one (top-level keys replace, `quota` merges). */
export function applyUpdate(current: StandInState, input: unknown): StateUpdate {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, field: '(body)', message: 'The body must be a JSON object of state fields.' };
  const patch = input as Record<string, unknown>;
  const merged = {
    ...current,
    ...patch,
    ...(typeof patch.quota === 'object' && patch.quota !== null ? { quota: { ...current.quota, ...patch.quota } } : {}),
  };
  const parsed = stateSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, field: first?.path.join('.') || '(body)', message: first?.message ?? 'invalid' };
  }
  const now = new Date().toISOString();
  const state = parsed.data;
  return {
    ok: true,
    state: {
      ...state,
      verifiedIdentities: state.verifiedIdentities.map((identity) => identity.toLowerCase()),
      suppressed: state.suppressed.map((entry) => ({ ...entry, emailAddress: entry.emailAddress.toLowerCase(), lastUpdateTime: entry.lastUpdateTime ?? now })),
    },
  };
}

export type SesAnswer = { status: number; body: unknown; errorType?: string };

const notFound = (message: string): SesAnswer => ({ status: 404, errorType: 'NotFoundException', body: { message } });

/** SESv2 GetAccount. */
export function getAccount(state: StandInState): SesAnswer {
  return {
    status: 200,
    body: {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: state.enforcementStatus,
      ProductionAccessEnabled: state.productionAccess,
      SendingEnabled: state.sendingEnabled,
      SendQuota: { Max24HourSend: state.quota.max24HourSend, MaxSendRate: state.quota.maxSendRate, SentLast24Hours: state.quota.sentLast24Hours },
      SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    },
  };
}

/** SESv2 GetEmailIdentity. */
export function getEmailIdentity(state: StandInState, identity: string): SesAnswer {
  const name = identity.toLowerCase();
  const domain = !name.includes('@');
  const verified = state.verifiedIdentities.includes(name) || (state.anyAddressVerified && !domain && !state.pendingIdentities.includes(name));
  if (!verified && !state.pendingIdentities.includes(name)) return notFound(`Email identity ${identity} does not exist.`);
  return {
    status: 200,
    body: {
      IdentityType: domain ? 'DOMAIN' : 'EMAIL_ADDRESS',
      FeedbackForwardingStatus: true,
      VerifiedForSendingStatus: verified,
      VerificationStatus: verified ? 'SUCCESS' : 'PENDING',
      DkimAttributes: {
        SigningEnabled: verified && state.dkimStatus === 'SUCCESS',
        Status: state.dkimStatus,
        SigningAttributesOrigin: 'AWS_SES',
        Tokens: domain ? ['local1', 'local2', 'local3'] : [],
      },
      MailFromAttributes: { BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      Policies: {},
      Tags: [],
    },
  };
}

/** SESv2 GetConfigurationSet. */
export function getConfigurationSet(state: StandInState, name: string): SesAnswer {
  const set = state.configurationSets.find((candidate) => candidate.name === name);
  if (!set) return notFound(`Configuration set <${name}> does not exist.`);
  return { status: 200, body: { ConfigurationSetName: name, SendingOptions: { SendingEnabled: true }, Tags: [] } };
}

/** SESv2 GetConfigurationSetEventDestinations. */
export function getEventDestinations(state: StandInState, name: string): SesAnswer {
  const set = state.configurationSets.find((candidate) => candidate.name === name);
  if (!set) return notFound(`Configuration set <${name}> does not exist.`);
  return {
    status: 200,
    body: {
      EventDestinations: set.eventDestination
        ? [
            {
              Name: 'local-sns',
              Enabled: true,
              MatchingEventTypes: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT', 'REJECT', 'DELIVERY_DELAY'],
              SnsDestination: { TopicArn: localEventsTopicArn },
            },
          ]
        : [],
    },
  };
}

/** SESv2 GetSuppressedDestination. */
export function getSuppressedDestination(state: StandInState, address: string): SesAnswer {
  const entry = state.suppressed.find((candidate) => candidate.emailAddress === address.toLowerCase());
  if (!entry) return notFound(`Email address ${address} does not exist on your suppression list.`);
  return {
    status: 200,
    body: { SuppressedDestination: { EmailAddress: entry.emailAddress, Reason: entry.reason, LastUpdateTime: Date.parse(entry.lastUpdateTime ?? '') / 1000 } },
  };
}

/** SESv2 DeleteSuppressedDestination. */
export function deleteSuppressedDestination(state: StandInState, address: string): { answer: SesAnswer; state: StandInState } {
  const wanted = address.toLowerCase();
  if (!state.suppressed.some((entry) => entry.emailAddress === wanted)) return { answer: notFound(`Email address ${address} does not exist on your suppression list.`), state };
  return { answer: { status: 200, body: {} }, state: { ...state, suppressed: state.suppressed.filter((entry) => entry.emailAddress !== wanted) } };
}

/** What happens to a mail to `recipient`, as SES would report it. */
export function outcomeFor(state: StandInState, recipient: string): 'delivered' | 'bounced' | 'suppressed' | 'complained' {
  const address = recipient.toLowerCase();
  if (state.suppressed.some((entry) => entry.emailAddress === address)) return 'suppressed';
  if (state.bounce.some((entry) => entry.toLowerCase() === address)) return 'bounced';
  if (state.complain.some((entry) => entry.toLowerCase() === address)) return 'complained';
  return 'delivered';
}
