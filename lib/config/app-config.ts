import { z } from 'zod';

import { describeConnectorFields, parseSesConnectorConfigJson, type ConnectorFieldReport, type SesSettings } from '@/lib/ses';

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
    /** Longest wait on the identity provider before sign-in gives up with a 503. */
    timeoutMs: number;
  };
  /** Origin of the app itself (scheme, host, port), used for same-origin checks. */
  origin: string;
  /** True when the identity provider is on this machine: the local stand-ins are in use. */
  localMode: boolean;
  ses: SesStatus;
  /** The inbox page of a local SES stand-in, when one is configured. */
  localInboxUrl?: string;
  testSend: {
    /** Lower-cased addresses; undefined when TEST_SEND_ALLOWED_EMAILS is unset. */
    allowedEmails?: string[];
    recipientLimit: RateLimitRule;
    userLimit: RateLimitRule;
    redisUrl?: string;
  };
};

export type ConfigProblem = { variable: string; message: string };

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

type Env = Record<string, string | undefined>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const isLoopback = (url: URL) => loopbackHosts.has(url.hostname);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const httpUrl = (variable: string, example: string) =>
  z
    .string({ error: `${variable} is missing: set it to ${example}.` })
    .trim()
    .min(1, { error: `${variable} is missing: set it to ${example}.`, abort: true })
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: `${variable} must be an http(s) URL such as ${example}.`,
    })
    .transform((value) => value.replace(/\/+$/, ''));

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
        context.addIssue({
          code: 'custom',
          message: `${variable} must look like "5/10m" (count / period in s, m, h or d), got "${text}".`,
        });
        return z.NEVER;
      }
      return { points, durationSeconds, text };
    });

/** Characters the SDK can send in HTTP Basic auth without URL-encoding them first. */
const basicAuthSafe = /^[A-Za-z0-9\-._~]+$/;

const envSchema = z.object({
  LOGTO_ENDPOINT: httpUrl('LOGTO_ENDPOINT', 'your Logto endpoint, e.g. https://your-tenant.logto.app'),
  LOGTO_APP_ID: z
    .string({ error: 'LOGTO_APP_ID is missing: copy the App ID of your Logto application (Console > Applications).' })
    .trim()
    .min(1, { error: 'LOGTO_APP_ID is missing: copy the App ID of your Logto application (Console > Applications).', abort: true })
    .regex(basicAuthSafe, 'LOGTO_APP_ID may only contain letters, digits and - . _ ~ (copy it from the Logto console).'),
  LOGTO_APP_SECRET: z
    .string({ error: 'LOGTO_APP_SECRET is missing: copy an App secret of your Logto application (Console > Applications).' })
    .trim()
    .min(1, { error: 'LOGTO_APP_SECRET is missing: copy an App secret of your Logto application (Console > Applications).', abort: true })
    .regex(basicAuthSafe, 'LOGTO_APP_SECRET may only contain letters, digits and - . _ ~ (copy it from the Logto console).'),
  LOGTO_BASE_URL: optionalText,
  LOGTO_COOKIE_SECRET: z
    .string({ error: 'LOGTO_COOKIE_SECRET is missing: set it to a random string of at least 32 characters (openssl rand -base64 32).' })
    .min(32, 'LOGTO_COOKIE_SECRET must be at least 32 characters long: generate one with `openssl rand -base64 32`.'),
  LOGTO_TIMEOUT_MS: timeout('LOGTO_TIMEOUT_MS', 5000),
  AWS_SES_CONFIG: optionalText,
  AWS_SES_ENDPOINT: optionalText.refine((value) => value === undefined || URL.canParse(value), {
    error: 'AWS_SES_ENDPOINT must be a URL such as http://127.0.0.1:8005 (or be left unset for real SES).',
  }),
  AWS_SES_TIMEOUT_MS: timeout('AWS_SES_TIMEOUT_MS', 10_000),
  TEST_SEND_ALLOWED_EMAILS: optionalText,
  TEST_SEND_RECIPIENT_LIMIT: rateLimitRule('TEST_SEND_RECIPIENT_LIMIT', '5/10m'),
  TEST_SEND_USER_LIMIT: rateLimitRule('TEST_SEND_USER_LIMIT', '20/1h'),
  REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\//.test(value), {
    error: 'REDIS_URL must start with redis:// or rediss://.',
  }),
  VERCEL_ENV: optionalText,
  VERCEL_URL: optionalText,
  VERCEL_BRANCH_URL: optionalText,
  VERCEL_PROJECT_PRODUCTION_URL: optionalText,
});

function timeout(variable: string, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return fallback;
      const milliseconds = Number(value);
      if (!Number.isInteger(milliseconds) || milliseconds < 100 || milliseconds > 120_000) {
        context.addIssue({ code: 'custom', message: `${variable} must be a whole number of milliseconds between 100 and 120000.` });
        return z.NEVER;
      }
      return milliseconds;
    });
}

type ParsedEnv = z.infer<typeof envSchema>;

/**
 * On Vercel the base URL may be left out: production uses the project's production domain,
 * previews their branch URL (stable per branch), else the deployment URL.
 */
function resolveBaseUrl(rawEnv: Env): { baseUrl?: string; problem?: string } {
  const env = Object.fromEntries(Object.entries(rawEnv).map(([key, value]) => [key, value?.trim() || undefined]));
  if (env.LOGTO_BASE_URL) {
    const parsed = URL.canParse(env.LOGTO_BASE_URL) ? new URL(env.LOGTO_BASE_URL) : undefined;
    if (!parsed || !/^https?:$/.test(parsed.protocol)) {
      return { problem: 'LOGTO_BASE_URL must be the http(s) URL of this app, e.g. https://app.example.com.' };
    }
    if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
      return { problem: `LOGTO_BASE_URL must be the app's origin only, e.g. ${parsed.origin} (no path, query or fragment).` };
    }
    return { baseUrl: parsed.origin };
  }
  const vercelHost =
    env.VERCEL_ENV === 'production'
      ? (env.VERCEL_PROJECT_PRODUCTION_URL ?? env.VERCEL_URL)
      : env.VERCEL_ENV
        ? (env.VERCEL_BRANCH_URL ?? env.VERCEL_URL)
        : undefined;
  if (vercelHost) {
    return { baseUrl: `https://${vercelHost.replace(/^https?:\/\//, '').replace(/\/+$/, '')}` };
  }
  return {
    problem: 'LOGTO_BASE_URL is missing: set it to the URL where this app runs, e.g. http://localhost:3000 (on Vercel it is derived automatically).',
  };
}

function parseEmailList(value: string | undefined): { emails?: string[]; invalid: string[] } {
  if (value === undefined) return { invalid: [] };
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !z.email().safeParse(entry).success);
  return { emails: entries, invalid };
}

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

const sesEnvSchema = envSchema.pick({ AWS_SES_CONFIG: true, AWS_SES_ENDPOINT: true, AWS_SES_TIMEOUT_MS: true });

/**
 * Only the Amazon SES settings, for tools that send mail without the rest of the app
 * (`npm run ses:test`): they need no Logto settings.
 */
export function parseSesEnvironment(env: Env): { ok: true; ses: SesStatus } | { ok: false; problems: ConfigProblem[] } {
  const parsed = sesEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })) };
  }
  return { ok: true, ses: resolveSes(parsed.data) };
}

export function parseAppConfig(env: Env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0]), message: issue.message });
    }
  }
  const baseUrl = resolveBaseUrl(env);
  if (baseUrl.problem) problems.push({ variable: 'LOGTO_BASE_URL', message: baseUrl.problem });
  const allowed = parseEmailList(env.TEST_SEND_ALLOWED_EMAILS?.trim() || undefined);
  if (allowed.invalid.length > 0) {
    problems.push({
      variable: 'TEST_SEND_ALLOWED_EMAILS',
      message: `TEST_SEND_ALLOWED_EMAILS must be comma-separated email addresses; not an address: ${allowed.invalid.join(', ')}.`,
    });
  }
  if (!parsed.success || !baseUrl.baseUrl || problems.length > 0) {
    return { ok: false, problems: dedupe(problems) };
  }

  const env_ = parsed.data;
  const base = new URL(baseUrl.baseUrl);
  const endpoint = new URL(env_.LOGTO_ENDPOINT);
  const ses = resolveSes(env_);
  const sesEndpoint = ses.state === 'configured' ? ses.settings.endpoint : undefined;
  return {
    ok: true,
    config: {
      logto: {
        endpoint: env_.LOGTO_ENDPOINT,
        appId: env_.LOGTO_APP_ID,
        appSecret: env_.LOGTO_APP_SECRET,
        baseUrl: baseUrl.baseUrl,
        cookieSecret: env_.LOGTO_COOKIE_SECRET,
        cookieSecure: base.protocol === 'https:',
        scopes: ['email'],
        timeoutMs: env_.LOGTO_TIMEOUT_MS,
      },
      origin: base.origin,
      localMode: isLoopback(endpoint),
      ses,
      localInboxUrl: sesEndpoint && isLoopback(new URL(sesEndpoint)) ? `${sesEndpoint.replace(/\/+$/, '')}/` : undefined,
      testSend: {
        allowedEmails: allowed.emails,
        recipientLimit: env_.TEST_SEND_RECIPIENT_LIMIT,
        userLimit: env_.TEST_SEND_USER_LIMIT,
        redisUrl: env_.REDIS_URL,
      },
    },
  };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.variable}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  return [
    `The app is not configured: ${problems.length} setting${problems.length === 1 ? '' : 's'} to fix.`,
    ...problems.map((problem) => `  - ${problem.message}`),
    'Set them in .env.local (see .env.example) or in your host\'s environment settings, then restart.',
  ].join('\n');
}
