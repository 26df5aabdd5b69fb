import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LocalizedTemplate, SesSettings } from '../../lib/ses';

import { LocalSetupError, refuseInProduction } from '../cli';
import { localDefaults } from '../defaults';
import type { AccountCenterSettings } from './account-center';
import { createAccountApi } from './account-api';
import { idpIcon, sendIcon } from '../favicon';
import { AccountStore } from './accounts';
import { BadRequest, sendHtml } from './http';
import { createManagementApi } from './management-api';
import { ManagementStore } from './management-state';
import { messageScreen } from './pages';
import { fill, requestPhrases } from './phrases';
import { loadOrCreateCookieKeys, loadOrCreateSigningKeys } from './persisted-keys';
import { OidcStore } from './oidc-store';
import { createProvider } from './provider';
import { sesCodeSender } from './send-code';
import { languageInfoOf } from './sign-in-language';
import { createSignInRoutes } from './sign-in-routes';
import { VerificationCodes, type VerificationCodeOptions } from './verification-codes';
import { VerificationRecords, type VerificationRecordOptions } from './verification-records';

/**
 * The local stand-in for a Logto tenant: oidc-provider under `/oidc` (Logto's endpoint layout)
 * plus the passwordless email sign-in pages under `/interaction`, on one loopback port.
 */

export type IdpOptions = {
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * The origin the app and browsers reach the IdP at, when something sits in front of it (the
   * reliability suite's fault proxy): the issuer and every URL the IdP hands out use it.
   * Defaults to http://localhost:<port>.
   */
  publicUrl?: string;
  /** Where the app runs, e.g. http://localhost:3000; its `/callback` is the redirect URI. */
  appBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The machine-to-machine app allowed the Management API (`/api`); without it, `/api` refuses every token. */
  m2m?: { clientId: string; clientSecret: string };
  sesSettings: SesSettings;
  /** The tenant's email templates on first start (`npm run dev`: the repository's email-templates/). */
  emailTemplates?: LocalizedTemplate[];
  /**
   * The account-center settings on first start (a data directory without them); a fresh Logto
   * tenant's, disabled, when absent. `npm run dev` passes `localAccountCenter`.
   */
  accountCenter?: AccountCenterSettings;
  /** Holds the signing key, cookie keys and accounts; tests pass a temporary directory. */
  dataDir: string;
  appName?: string;
  codes?: VerificationCodeOptions;
  /** The Account API's verification records; their clock defaults to `codes.now`. */
  verificationRecords?: VerificationRecordOptions;
  log?: (line: string) => void;
};

export type RunningIdp = {
  /** http://localhost:<port> (or `publicUrl`) — the value for the app's LOGTO_ENDPOINT. */
  url: string;
  /** `${url}/oidc`, as in Logto. */
  issuer: string;
  /** The local tenant's Management API state (the app's URIs, sign-in experience, connector). */
  management: ManagementStore;
  close(): Promise<void>;
};

const mountPath = '/oidc';

// The SDK sends the secret in Basic auth without URL-encoding it first, so other characters would not survive.
const basicAuthSafe = /^[A-Za-z0-9\-._~]+$/;

function normalizeAppBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LocalSetupError(`The app base URL "${raw}" is not a URL (expected something like http://localhost:3000).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalSetupError(`The app base URL must start with http:// or https://, got "${raw}".`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new LocalSetupError(`Port ${port} is already in use: is the local IdP running already?`) : error);
    });
    // Loopback only: this IdP signs anyone in who can read the inbox.
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startIdp(options: IdpOptions): Promise<RunningIdp> {
  refuseInProduction('The local sign-in IdP');
  const credentials = [
    ['client id', options.clientId],
    ['client secret', options.clientSecret],
    ...(options.m2m ? ([['M2M client id', options.m2m.clientId], ['M2M client secret', options.m2m.clientSecret]] as const) : []),
  ] as const;
  for (const [name, value] of credentials) {
    if (!basicAuthSafe.test(value)) {
      throw new LocalSetupError(`The ${name} may only use letters, digits and - . _ ~ (the Logto SDK sends it unencoded).`);
    }
  }
  const appBaseUrl = normalizeAppBaseUrl(options.appBaseUrl);
  const appName = options.appName ?? localDefaults.appName;
  const log = options.log ?? ((line: string) => console.log(`[idp] ${line}`));
  // Read the data directory first: a damaged file is reported before any port is taken.
  const accounts = new AccountStore(options.dataDir, log);
  const signingKeys = loadOrCreateSigningKeys(options.dataDir);
  const cookieKeys = loadOrCreateCookieKeys(options.dataDir);
  const management = new ManagementStore(options.dataDir, {
    appId: options.clientId,
    appName,
    appBaseUrl,
    sesConnector: options.sesSettings.connector,
    emailTemplates: options.emailTemplates,
    accountCenter: options.accountCenter,
  });
  const ses = { endpoint: options.sesSettings.endpoint, timeoutMs: options.sesSettings.timeoutMs };
  // As in Logto, the sign-in experience's languageInfo (Management API) picks the screens' language.
  const languageInfo = () => languageInfoOf(management.state.signInExperience.languageInfo);
  const phrasesOf = (req: IncomingMessage) => requestPhrases({ acceptLanguage: req.headers['accept-language'], languageInfo: languageInfo() }).t;

  const server = createServer();
  const port = await listen(server, options.port);
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://localhost:${port}`;
  const issuer = url + mountPath;

  const oidcStore = new OidcStore();
  const provider = createProvider({
    issuer,
    appName,
    appBaseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    m2m: options.m2m,
    appUris: () => management.state.application,
    signingKeys,
    cookieKeys,
    accounts,
    store: oidcStore,
    languageInfo,
    log,
  });
  const managementApi = createManagementApi({ issuer, signingKeys, store: management, m2m: options.m2m, ses });
  const oidc = provider.callback();
  const sendCode = sesCodeSender(management, ses, log);
  const accountApi = createAccountApi({
    provider,
    accounts,
    management,
    oidcStore,
    records: new VerificationRecords({ now: options.codes?.now, ...options.verificationRecords }),
    sendCode,
    log,
  });
  const signIn = createSignInRoutes({
    provider,
    accounts,
    codes: new VerificationCodes(options.codes),
    sendCode,
    appName,
    appBaseUrl,
    inboxUrl: localInboxPage(options.sesSettings.endpoint),
    languageInfo,
    log,
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', url);
    if (requestUrl.pathname === mountPath || requestUrl.pathname.startsWith(`${mountPath}/`)) {
      // oidc-provider derives its own URLs from `originalUrl` minus the path it sees.
      const inside = (req.url ?? '').slice(mountPath.length);
      Object.assign(req, { originalUrl: req.url });
      req.url = inside.startsWith('/') ? inside : `/${inside}`;
      return oidc(req, res);
    }
    // Before the Management API, which answers every other `/api` path.
    if (await accountApi(req, res, requestUrl)) return;
    if (await managementApi(req, res, requestUrl)) return;
    if (await signIn(req, res, requestUrl)) return;
    if (requestUrl.pathname === '/favicon.ico') return sendIcon(res, idpIcon);
    const t = phrasesOf(req);
    if (requestUrl.pathname === '/') {
      const message = fill(t.localService, { url: `${issuer}/.well-known/openid-configuration` });
      return sendHtml(res, 200, messageScreen({ t, title: t.localServiceTitle, message, link: { href: appBaseUrl, label: fill(t.openApp, { app: appName }) } }));
    }
    sendHtml(res, 404, messageScreen({ t, title: t.notFound, message: fill(t.nothingAt, { path: requestUrl.pathname }) }));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const t = phrasesOf(req);
      if (error instanceof BadRequest) {
        return sendHtml(res, error.status, messageScreen({ t, title: t.badRequestTitle, message: error.message }));
      }
      log(`Request ${req.method} ${requestPath(req)} failed: ${(error as Error).message}`);
      if (!res.headersSent) {
        sendHtml(res, 500, messageScreen({ t, title: t.somethingWentWrong, message: t.serviceFailed }));
      }
    });
  });

  return {
    url,
    issuer,
    management,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// Query strings of the sign-in routes may hold a login hint: keep them out of the log.
function requestPath(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** Only a stand-in on this machine has an inbox page worth linking to. */
function localInboxPage(endpoint: string | undefined): string | undefined {
  return endpoint && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/.test(endpoint) ? endpoint.replace(/\/?$/, '/') : undefined;
}
