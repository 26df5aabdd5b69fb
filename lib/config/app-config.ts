import { z } from 'zod';

import { describeConnectorFields, parseSesConnectorConfigJson, type ConnectorFieldReport } from '@/lib/ses/connector-config';
import type { SesSettings } from '@/lib/ses/send-email';

import { isPublishedLocalValue } from './published-local-values';

/**
 * Every setting the app reads, validated in one place. The rest of the code receives typed
 * values from here and never reads the environment itself.
 */

export type RateLimitRule = { points: number; durationSeconds: number; text: string };

export type SesStatus =
  | { state: 'configured'; settings: SesSettings }
  | { state: 'missing' }
  /** `fields` describes every connector field, for pages that explain what to fix. */
  | { state: 'invalid'; issues: { field: string; message: string }[]; fields: ConnectorFieldReport[] };

export type AppConfig = {
  logto: {
    endpoint: string;
    appId: string;
    appSecret: string;
    baseUrl: string;
    cookieSecret: string;
    /** Follows the base URL's scheme, so a plain-http local setup still gets its cookie. */
    cookieSecure: boolean;
    scopes: string[];
    /**
     * LOGTO_ACCOUNT_FEATURES=on: /account changes the address and ends sessions through Logto's
     * Account API, so sign-in asks for the scopes that needs and a refresh token (prompt=consent).
     */
    accountFeatures: boolean;
    /** Longest wait on the identity provider before sign-in gives up with a 503. */
    timeoutMs: number;
    /**
     * On Vercel, the other base URLs people reach the app at: the production domain and this
     * deployment's branch URL (when set and not the base URL). Each needs its URIs registered.
     */
    otherBaseUrls: string[];
  };
  /** Origin of the app itself (scheme, host, port), used for same-origin checks. */
  origin: string;
  ses: SesStatus;
  /** The inbox page of a local SES stand-in, when one is configured. */
  localInboxUrl?: string;
  /** Logto's Management API through an M2M app, for the setup doctor; absent when not configured. */
  managementApi?: ManagementApiSettings;
  testSend: {
    /**
     * Lower-cased addresses, and `@domain` entries for every address at a domain; undefined
     * when TEST_SEND_ALLOWED_EMAILS is unset.
     */
    allowedEmails?: string[];
    /** TEST_SEND_OPEN_TO_SIGNED_IN: anyone signed in may send (next dev only, set by `npm run dev`). */
    openToSignedIn: boolean;
    recipientLimit: RateLimitRule;
    userLimit: RateLimitRule;
    redisUrl?: string;
  };
  /** Where SES delivery events come from (POST /api/ses/events). */
  sesEvents: SesEventsSettings;
  /** On Vercel (`VERCEL` is set): every function instance is its own process. */
  onVercel: boolean;
  /**
   * LOGTO_SETUP_ADMINS: the lower-cased addresses that may change the Logto tenant from /setup;
   * undefined when unset, and then /setup changes nothing (the CLI still does).
   */
  setupAdmins?: string[];
};

/**
 * `message` says what is wrong and how to fix it, and may quote the value: it goes to the
 * server log only. `summary` says what is wrong in general terms, for pages anyone can see.
 */
export type ConfigProblem = { variable: string; message: string; summary: string };

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

type Env = Record<string, string | undefined>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const isLoopback = (url: URL) => loopbackHosts.has(url.hostname);

/** A check's failure: its general summary travels with the detailed message, as the issue's params. */
const problem = (summary: string, message: string) => ({ error: message, params: { summary } });

/** The same, as an issue a transform adds. */
const issue = (summary: string, message: string) => ({ code: 'custom' as const, message, params: { summary } });

const summaryOf = (issue: z.core.$ZodIssue) => ('params' in issue ? (issue.params as { summary?: string } | undefined)?.summary : undefined) ?? 'invalid';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** Set and not blank; otherwise only "missing" is said, not also what it may contain. */
const required = (message: string) =>
  z
    .string()
    .optional()
    .refine((value) => value !== undefined && value.trim() !== '', { ...problem('missing', message), abort: true })
    .transform((value) => value as string);

const httpUrl = (variable: string, example: string) =>
  required(`${variable} is missing: set it to ${example}.`)
    .transform((value) => value.trim())
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), problem('not a valid http(s) URL', `${variable} must be an http(s) URL such as ${example}.`))
    .transform((value) => value.replace(/\/+$/, ''));

/** The app's origin: where it runs, as people reach it (derived on Vercel, see below). */
const baseUrl = required(
  'LOGTO_BASE_URL is missing: set it to the URL where this app runs, e.g. http://localhost:3000 (on Vercel it is derived automatically).',
)
  .transform((value) => value.trim())
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    ...problem('not a valid http(s) URL', 'LOGTO_BASE_URL must be the http(s) URL of this app, e.g. https://app.example.com.'),
    abort: true,
  })
  .refine(
    (value) => {
      const url = new URL(value);
      return url.pathname === '/' && !url.search && !url.hash;
    },
    {
      params: { summary: 'not the origin of the app (it has a path, query or fragment)' },
      error: (issue) => `LOGTO_BASE_URL must be the app's origin only, e.g. ${new URL(String(issue.input)).origin} (no path, query or fragment).`,
    },
  )
  .transform((value) => new URL(value).origin);

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

const rateLimitRule = (variable: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, context): RateLimitRule => {
      const text = value?.trim() || fallback;
      const match = /^(\d+)\s*\/\s*(\d+)\s*([smhd])$/.exec(text);
      const points = Number(match?.[1]);
      const durationSeconds = Number(match?.[2]) * (durationUnits[match?.[3] ?? ''] ?? Number.NaN);
      if (!match || points < 1 || !(durationSeconds >= 1)) {
        context.addIssue(issue('not a rate such as 5/10m', `${variable} must look like "5/10m" (count / period in s, m, h or d), got "${text}".`));
        return z.NEVER;
      }
      return { points, durationSeconds, text };
    });

/** Characters the SDK can send in HTTP Basic auth without URL-encoding them first. */
const basicAuthSafe = /^[A-Za-z0-9\-._~]+$/;

const logtoCredential = (variable: string, what: string) =>
  required(`${variable} is missing: copy ${what} of your Logto application (Console > Applications).`)
    .transform((value) => value.trim())
    .refine(
      (value) => basicAuthSafe.test(value),
      problem('contains characters other than letters, digits and - . _ ~', `${variable} may only contain letters, digits and - . _ ~ (copy it from the Logto console).`),
    );

const published = (variable: string, what: string) =>
  [
    `${what}: a published local development value`,
    `${variable}: ${what} ${what.includes(',') ? 'are the values' : 'is the value'} the local stand-ins publish (local/defaults.ts), refused when NODE_ENV=production: set your own.`,
  ] as const;

/** The connector's AWS key fields that hold a published local value. */
function publishedConnectorKeys(json: string): string[] {
  let connector: unknown;
  try {
    connector = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof connector !== 'object' || connector === null) return [];
  const fields = connector as Record<string, unknown>;
  return ['accessKeyId', 'accessKeySecret'].filter((field) => typeof fields[field] === 'string' && isPublishedLocalValue(fields[field]));
}

// --- SES delivery events (SES_EVENTS_TOPIC_ARNS, SES_EVENTS_LOCAL_SIGNER) ---------------------

export type SesEventsSettings = {
  /** SNS topics whose messages are accepted; empty: every message is refused. */
  topicArns: string[];
  /**
   * The local SNS stand-in's certificate URL (loopback http), whose signatures are accepted
   * besides SNS's own; never set in a deployment people use.
   */
  localSignerUrl?: string;
  /**
   * SES_EVENTS_ACCEPT_SIGNATURE_V1: also accept SNS's SignatureVersion 1 (SHA-1). Off by
   * default: a topic set to SignatureVersion 2 (README) signs with SHA-256.
   */
  acceptSignatureVersion1?: boolean;
};

const snsTopicArnPattern = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

const topicArnList = z
  .string()
  .optional()
  .transform((value, context) => {
    const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
    const invalid = entries.filter((entry) => !snsTopicArnPattern.test(entry));
    if (invalid.length > 0) {
      context.addIssue(
        issue(
          'not a comma-separated list of SNS topic ARNs',
          `SES_EVENTS_TOPIC_ARNS must be comma-separated SNS topic ARNs such as arn:aws:sns:us-east-1:123456789012:ses-events; not a topic ARN: ${invalid.join(', ')}.`,
        ),
      );
      return z.NEVER;
    }
    return entries;
  });

/**
 * Whoever can run the stand-in can sign with its certificate, so a production server trusts it
 * only when it serves nobody but this machine: a loopback base URL, as the e2e and reliability
 * stacks run `next start`. Every redirect, cookie and link of such a server points at loopback,
 * so no deployment people use can have one; anywhere else the variable is a configuration problem.
 */
const localSignerFor = (production: boolean, loopbackBase: boolean) =>
  optionalText
    .refine(
      (value) => value === undefined || (URL.canParse(value) && new URL(value).protocol === 'http:' && isLoopback(new URL(value))),
      problem('not an http URL on loopback', 'SES_EVENTS_LOCAL_SIGNER must be the local SES stand-in\'s certificate URL, e.g. http://127.0.0.1:8005/_stand-in/sns-signing-cert.pem.'),
    )
    .refine(
      (value) => value === undefined || !production || loopbackBase,
      problem(
        'honoured only for a local setup',
        'SES_EVENTS_LOCAL_SIGNER trusts the local SES stand-in\'s signatures, which anyone running the stand-in can make: a production server accepts it only with a loopback LOGTO_BASE_URL, i.e. when it serves nobody but this machine (the test stacks). Unset it; real SES events are signed by SNS.',
      ),
    );

// --------------------------------------------------------------------------------------------

/** A comma-separated list, lower-cased; undefined when blank; `describe` says what is wrong with the invalid entries. */
const emailList = (isEntry: (entry: string) => boolean, describe: (invalid: string[]) => ReturnType<typeof issue>) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return undefined;
      const entries = value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean);
      const invalid = entries.filter((entry) => !isEntry(entry));
      if (invalid.length > 0) {
        context.addIssue(describe(invalid));
        return z.NEVER;
      }
      return entries;
    });

const isAddress = (entry: string) => z.email().safeParse(entry).success;

/** Addresses, or `@domain` for any address at that domain. */
const allowList = emailList(
  (entry) => isAddress(entry.startsWith('@') ? `any${entry}` : entry),
  (invalid) =>
    issue(
      'not a comma-separated list of email addresses and @domains',
      `TEST_SEND_ALLOWED_EMAILS must be comma-separated email addresses or @domain entries (e.g. ops@example.com, @example.com); not an address or @domain: ${invalid.join(', ')}.`,
    ),
);

/**
 * Who may change the tenant from /setup: whole addresses only, since a domain entry would hand
 * the M2M app's tenant-wide rights to anyone who can get an address there.
 */
const setupAdminList = emailList(isAddress, (invalid) =>
  issue(
    'not a comma-separated list of email addresses',
    `LOGTO_SETUP_ADMINS must be comma-separated email addresses (e.g. ops@example.com)${invalid.some((entry) => entry.startsWith('@')) ? ', one by one: @domain entries are not accepted here' : ''}; not an address: ${invalid.join(', ')}.`,
  ),
);

/**
 * Every variable, with its checks and messages. `production` (NODE_ENV=production, as under
 * `next start`) refuses what only a developer's machine may use.
 */
const envObjectFor = (production: boolean, loopbackBase = false) =>
  z.object({
    LOGTO_ENDPOINT: httpUrl('LOGTO_ENDPOINT', 'your Logto endpoint, e.g. https://your-tenant.logto.app'),
    LOGTO_APP_ID: logtoCredential('LOGTO_APP_ID', 'the App ID'),
    LOGTO_APP_SECRET: logtoCredential('LOGTO_APP_SECRET', 'an App secret').refine(
      (value) => !(production && isPublishedLocalValue(value)),
      problem(...published('LOGTO_APP_SECRET', 'the app secret')),
    ),
    LOGTO_BASE_URL: baseUrl,
    LOGTO_COOKIE_SECRET: required('LOGTO_COOKIE_SECRET is missing: set it to a random string of at least 32 characters (openssl rand -base64 32).')
      .refine(
        (value) => value.length >= 32,
        { ...problem('shorter than 32 characters', 'LOGTO_COOKIE_SECRET must be at least 32 characters long: generate one with `openssl rand -base64 32`.'), abort: true },
      )
      .refine((value) => !(production && isPublishedLocalValue(value)), problem(...published('LOGTO_COOKIE_SECRET', 'the cookie secret'))),
    LOGTO_TIMEOUT_MS: timeout('LOGTO_TIMEOUT_MS', 5000),
    LOGTO_ACCOUNT_FEATURES: optionalText
      .refine((value) => value === undefined || value === 'on' || value === 'off', problem('not on or off', 'LOGTO_ACCOUNT_FEATURES must be on or off (or be left unset, which is off).'))
      .transform((value) => value === 'on'),
    AWS_SES_CONFIG: optionalText.superRefine((value, context) => {
      const keys = production && value !== undefined ? publishedConnectorKeys(value) : [];
      if (keys.length > 0) context.addIssue(issue(...published('AWS_SES_CONFIG', keys.join(', '))));
    }),
    AWS_SES_ENDPOINT: optionalText.refine(
      (value) => value === undefined || URL.canParse(value),
      problem('not a valid URL', 'AWS_SES_ENDPOINT must be a URL such as http://127.0.0.1:8005 (or be left unset for real SES).'),
    ),
    AWS_SES_TIMEOUT_MS: timeout('AWS_SES_TIMEOUT_MS', 10_000),
    TEST_SEND_ALLOWED_EMAILS: allowList,
    TEST_SEND_OPEN_TO_SIGNED_IN: optionalText
      .refine((value) => value === undefined || value === 'true' || value === 'false', problem('not true or false', 'TEST_SEND_OPEN_TO_SIGNED_IN must be true or false (or be left unset).'))
      .transform((value) => value === 'true')
      .refine(
        (open) => !(production && open),
        problem(
          'honoured only by next dev',
          'TEST_SEND_OPEN_TO_SIGNED_IN=true is honoured only by `next dev` (npm run dev sets it for the local stand-ins): in production only TEST_SEND_ALLOWED_EMAILS grants test-send. Unset it.',
        ),
      ),
    TEST_SEND_RECIPIENT_LIMIT: rateLimitRule('TEST_SEND_RECIPIENT_LIMIT', '5/10m'),
    TEST_SEND_USER_LIMIT: rateLimitRule('TEST_SEND_USER_LIMIT', '20/1h'),
    REDIS_URL: optionalText.refine(
      (value) => value === undefined || /^rediss?:\/\//.test(value),
      problem('not a redis:// or rediss:// URL', 'REDIS_URL must start with redis:// or rediss://.'),
    ),
    SES_EVENTS_TOPIC_ARNS: topicArnList,
    SES_EVENTS_LOCAL_SIGNER: localSignerFor(production, loopbackBase),
    SES_EVENTS_ACCEPT_SIGNATURE_V1: optionalText
      .refine((value) => value === undefined || value === 'true' || value === 'false', problem('not true or false', 'SES_EVENTS_ACCEPT_SIGNATURE_V1 must be true or false (or be left unset: only SignatureVersion 2 is accepted).'))
      .transform((value) => value === 'true'),
    LOGTO_SETUP_ADMINS: setupAdminList,
    ...managementApiSchemaFor(production),
    VERCEL_ENV: optionalText,
    VERCEL_URL: optionalText,
    VERCEL_BRANCH_URL: optionalText,
    VERCEL_PROJECT_PRODUCTION_URL: optionalText,
    VERCEL: optionalText,
  });

/**
 * On Vercel the base URL may be left out: production uses the project's production domain,
 * previews their branch URL (stable per branch), else the deployment URL.
 */
function withVercelBaseUrl(input: unknown): unknown {
  const env = (typeof input === 'object' && input !== null ? input : {}) as Env;
  const set = (name: string) => env[name]?.trim() || undefined;
  if (set('LOGTO_BASE_URL')) return env;
  const vercelEnv = set('VERCEL_ENV');
  const host =
    vercelEnv === 'production'
      ? (set('VERCEL_PROJECT_PRODUCTION_URL') ?? set('VERCEL_URL'))
      : vercelEnv
        ? (set('VERCEL_BRANCH_URL') ?? set('VERCEL_URL'))
        : undefined;
  return host ? { ...env, LOGTO_BASE_URL: `https://${host.replace(/^https?:\/\//, '').replace(/\/+$/, '')}` } : env;
}

const httpsOf = (host: string) => `https://${host.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;

/** The production and branch URLs Vercel names (hosts without a scheme), deduplicated. */
function vercelBaseUrls(env: { VERCEL_PROJECT_PRODUCTION_URL?: string; VERCEL_BRANCH_URL?: string }): string[] {
  const hosts = [env.VERCEL_PROJECT_PRODUCTION_URL, env.VERCEL_BRANCH_URL].map((host) => host?.trim()).filter((host): host is string => Boolean(host));
  return [...new Set(hosts.map(httpsOf))];
}

const loopbackBaseUrl = (input: unknown) => {
  const value = (withVercelBaseUrl(input) as Env).LOGTO_BASE_URL?.trim();
  return value !== undefined && URL.canParse(value) && isLoopback(new URL(value));
};

const envSchemaFor = (production: boolean, env: Env) => z.preprocess(withVercelBaseUrl, envObjectFor(production, loopbackBaseUrl(env)));

function timeout(variable: string, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return fallback;
      const milliseconds = Number(value);
      if (!Number.isInteger(milliseconds) || milliseconds < 100 || milliseconds > 120_000) {
        context.addIssue(issue('not a whole number of milliseconds between 100 and 120000', `${variable} must be a whole number of milliseconds between 100 and 120000.`));
        return z.NEVER;
      }
      return milliseconds;
    });
}

const isProduction = (env: Env) => env.NODE_ENV === 'production';

type ParsedEnv = z.infer<ReturnType<typeof envObjectFor>>;

type SesEnv = Pick<ParsedEnv, 'AWS_SES_CONFIG' | 'AWS_SES_ENDPOINT' | 'AWS_SES_TIMEOUT_MS'>;

function resolveSes(env: SesEnv): SesStatus {
  if (!env.AWS_SES_CONFIG) return { state: 'missing' };
  const parsed = parseSesConnectorConfigJson(env.AWS_SES_CONFIG);
  if (!parsed.ok) return { state: 'invalid', issues: parsed.issues, fields: describeConnectorFields(env.AWS_SES_CONFIG) };
  return {
    state: 'configured',
    settings: { connector: parsed.config, endpoint: env.AWS_SES_ENDPOINT, timeoutMs: env.AWS_SES_TIMEOUT_MS },
  };
}

/**
 * What the Account API needs (recorded fixture 04): `email` to change the address,
 * `urn:logto:scope:sessions` to list and end sessions, `offline_access` for the refresh token
 * that brings the new address into the session. The SDK adds openid and profile itself.
 */
const accountFeatureScopes = ['email', 'offline_access', 'urn:logto:scope:sessions'];

// ---- Logto Management API (optional): an M2M app lets the setup doctor read and fix the tenant.

export type ManagementApiSettings = {
  appId: string;
  appSecret: string;
  /** The API resource indicator the M2M token is requested for. */
  resource: string;
};

const managementApiSchemaFor = (production: boolean) => ({
  LOGTO_M2M_APP_ID: optionalText.refine(
    (value) => value === undefined || basicAuthSafe.test(value),
    problem('contains characters other than letters, digits and - . _ ~', 'LOGTO_M2M_APP_ID may only contain letters, digits and - . _ ~ (copy the App ID of your machine-to-machine app from the Logto console).'),
  ),
  LOGTO_M2M_APP_SECRET: optionalText
    .refine(
      (value) => value === undefined || basicAuthSafe.test(value),
      problem('contains characters other than letters, digits and - . _ ~', 'LOGTO_M2M_APP_SECRET may only contain letters, digits and - . _ ~ (copy an App secret of your machine-to-machine app from the Logto console).'),
    )
    .refine((value) => !(production && value !== undefined && isPublishedLocalValue(value)), problem(...published('LOGTO_M2M_APP_SECRET', 'the M2M app secret'))),
  LOGTO_MANAGEMENT_API_RESOURCE: optionalText.refine(
    (value) => value === undefined || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)),
    problem('not a valid http(s) URL', 'LOGTO_MANAGEMENT_API_RESOURCE must be the Management API\'s resource indicator, e.g. https://default.logto.app/api (self-hosted) or https://<tenant-id>.logto.app/api (Logto Cloud); leave it unset to derive it from LOGTO_ENDPOINT.'),
  ),
});

type ManagementApiEnv = z.infer<z.ZodObject<ReturnType<typeof managementApiSchemaFor>>>;

/** Logto Cloud's resource is per tenant; a self-hosted Logto always uses the `default` one. */
export function defaultManagementApiResource(endpoint: string): string {
  const tenant = URL.canParse(endpoint) ? /^([a-z0-9]+)\.logto\.app$/.exec(new URL(endpoint).hostname)?.[1] : undefined;
  return `https://${tenant ?? 'default'}.logto.app/api`;
}

/** Both halves of the M2M credentials, or neither (the doctor then skips what needs them). */
function resolveManagementApi(env: ManagementApiEnv, endpoint: string): { settings?: ManagementApiSettings; problem?: ConfigProblem } {
  const { LOGTO_M2M_APP_ID: appId, LOGTO_M2M_APP_SECRET: appSecret } = env;
  if (appId && appSecret) return { settings: { appId, appSecret, resource: env.LOGTO_MANAGEMENT_API_RESOURCE ?? defaultManagementApiResource(endpoint) } };
  if (!appId && !appSecret) return {};
  const [variable, other] = appId ? ['LOGTO_M2M_APP_SECRET', 'LOGTO_M2M_APP_ID'] : ['LOGTO_M2M_APP_ID', 'LOGTO_M2M_APP_SECRET'];
  return {
    problem: {
      variable,
      summary: 'missing (the other M2M setting is set)',
      message: `${variable} is missing while ${other} is set: set both to your machine-to-machine app's App ID and App secret, or neither.`,
    },
  };
}

// ---- end of the Management API block.

const problemsOf = (error: z.ZodError): ConfigProblem[] =>
  error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message, summary: summaryOf(issue) }));

/**
 * Only the Amazon SES settings, for tools that send mail without the rest of the app
 * (`npm run ses:test`): they need no Logto settings.
 */
export function parseSesEnvironment(env: Env): { ok: true; ses: SesStatus; eventTopicArns: string[] } | { ok: false; problems: ConfigProblem[] } {
  const parsed = envObjectFor(isProduction(env))
    .pick({ AWS_SES_CONFIG: true, AWS_SES_ENDPOINT: true, AWS_SES_TIMEOUT_MS: true, SES_EVENTS_TOPIC_ARNS: true })
    .safeParse(env);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, ses: resolveSes(parsed.data), eventTopicArns: parsed.data.SES_EVENTS_TOPIC_ARNS };
}

export function parseAppConfig(env: Env): ConfigResult {
  const parsed = envSchemaFor(isProduction(env), env).safeParse(env);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  // The two M2M halves are checked together, once each is valid on its own.
  const managementApi = resolveManagementApi(parsed.data, parsed.data.LOGTO_ENDPOINT);
  if (managementApi.problem) return { ok: false, problems: [managementApi.problem] };

  const env_ = parsed.data;
  const base = new URL(env_.LOGTO_BASE_URL);
  const ses = resolveSes(env_);
  const sesEndpoint = ses.state === 'configured' ? ses.settings.endpoint : undefined;
  return {
    ok: true,
    config: {
      logto: {
        endpoint: env_.LOGTO_ENDPOINT,
        appId: env_.LOGTO_APP_ID,
        appSecret: env_.LOGTO_APP_SECRET,
        baseUrl: env_.LOGTO_BASE_URL,
        cookieSecret: env_.LOGTO_COOKIE_SECRET,
        cookieSecure: base.protocol === 'https:',
        scopes: env_.LOGTO_ACCOUNT_FEATURES ? accountFeatureScopes : ['email'],
        accountFeatures: env_.LOGTO_ACCOUNT_FEATURES,
        timeoutMs: env_.LOGTO_TIMEOUT_MS,
        otherBaseUrls: vercelBaseUrls(env_).filter((url) => url !== env_.LOGTO_BASE_URL),
      },
      origin: base.origin,
      ses,
      localInboxUrl: sesEndpoint && isLoopback(new URL(sesEndpoint)) ? `${sesEndpoint.replace(/\/+$/, '')}/` : undefined,
      managementApi: managementApi.settings,
      testSend: {
        allowedEmails: env_.TEST_SEND_ALLOWED_EMAILS,
        openToSignedIn: env_.TEST_SEND_OPEN_TO_SIGNED_IN,
        recipientLimit: env_.TEST_SEND_RECIPIENT_LIMIT,
        userLimit: env_.TEST_SEND_USER_LIMIT,
        redisUrl: env_.REDIS_URL,
      },
      onVercel: env_.VERCEL !== undefined,
      sesEvents: { topicArns: env_.SES_EVENTS_TOPIC_ARNS, localSignerUrl: env_.SES_EVENTS_LOCAL_SIGNER, acceptSignatureVersion1: env_.SES_EVENTS_ACCEPT_SIGNATURE_V1 },
      setupAdmins: env_.LOGTO_SETUP_ADMINS,
    },
  };
}

/** What a page anyone can see says of a problem: the variable and the summary, never the detail. */
export const publicProblemLine = (problem: ConfigProblem) => `${problem.variable}: ${problem.summary}`;

export function formatConfigProblems(problems: ConfigProblem[]): string {
  return [
    `The app is not configured: ${problems.length} setting${problems.length === 1 ? '' : 's'} to fix.`,
    ...problems.map((problem) => `  - ${problem.message}`),
    'Set them in .env.local (see .env.example) or in your host\'s environment settings, then restart.',
  ].join('\n');
}
