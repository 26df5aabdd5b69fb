import Provider, { type JWK, type KoaContextWithOIDC } from 'oidc-provider';

import { accountClaims, claimsByScope, type AccountStore } from './accounts';
import type { OidcStore, SignInRecord } from './oidc-store';
import { interactionPaths, messageScreen, signedOutScreen, signOutScreen } from './pages';
import { fill, requestPhrases } from './phrases';
import type { LanguageInfo } from './sign-in-language';

/**
 * oidc-provider configured the way Logto configures it (packages/core/src/oidc/init.ts), so
 * the app's Logto SDK sees the same endpoints, parameters, tokens and claims as with Logto.
 */

export type ProviderOptions = {
  /** `<origin>/oidc`: Logto serves its OIDC endpoints under `/oidc`. */
  issuer: string;
  appName: string;
  /** The app's origin (and base path, if any), without a trailing slash. */
  appBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The machine-to-machine app allowed the Management API (scope `all`), as a Logto tenant's. */
  m2m?: { clientId: string; clientSecret: string };
  /**
   * The app's registered redirect URIs, read on every request: the Management API can change
   * them (lib/logto-management's doctor registers missing ones), and sign-in must follow.
   */
  appUris?: () => { redirectUris: string[]; postLogoutRedirectUris: string[] };
  signingKeys: JWK[];
  cookieKeys: string[];
  accounts: AccountStore;
  /** Sessions, grants and tokens (the Account API lists and revokes them). */
  store: OidcStore;
  /** The sign-in experience's language settings, for the sign-out and error pages. */
  languageInfo?: () => LanguageInfo;
  log: (line: string) => void;
};

const hour = 60 * 60;
const day = 24 * hour;

// Logto's extra authorization parameters; oidc-provider drops unknown ones silently.
const logtoExtraParams = ['interaction_mode', 'first_screen', 'identifier', 'direct_sign_in', 'one_time_token'];

/** Logto's scope for the Account API's sessions and grants (UserScope.Sessions); it releases no claim. */
export const sessionsScope = 'urn:logto:scope:sessions';

const oidcScopes = new Set(['openid', 'offline_access', sessionsScope, ...Object.keys(claimsByScope)]);

/** Logto's Management API indicator for a self-hosted tenant; `all` is its only scope. */
export const managementApiResource = 'https://default.logto.app/api';

// What Logto says in `message` next to oidc-provider's `error` (its phrases, en).
const logtoOidcMessages: Record<string, string> = {
  invalid_request: 'Request is invalid.',
  invalid_target: 'Invalid resource indicator.',
  invalid_grant: 'Grant request is invalid.',
};

/**
 * Logto rejects unknown API resources; here every resource the app asks for exists and offers
 * whichever scopes the app requests for it. The consent grant still records exactly those, so
 * tokens carry only what was asked for. Like Logto, access tokens for APIs are JWTs.
 */
function resourceServerInfo(ctx: KoaContextWithOIDC, indicator: string, m2mClientId: string | undefined) {
  if (indicator === managementApiResource) {
    // Only the M2M app holds a role with the Management API's `all`; a token without it gets 403.
    return { scope: ctx.oidc.client?.clientId === m2mClientId ? 'all' : '', accessTokenFormat: 'jwt' as const, accessTokenTTL: hour, jwt: { sign: { alg: 'ES256' as const } } };
  }
  const requested = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
  // A refresh-token request usually names no scope: fall back to what was granted.
  const granted = ctx.oidc.entities.Grant?.getResourceScopeEncountered(indicator) ?? '';
  const scopes = new Set(`${requested} ${granted}`.split(' ').filter((scope) => scope && !oidcScopes.has(scope)));
  return {
    scope: [...scopes].join(' '),
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: hour,
    jwt: { sign: { alg: 'ES256' as const } },
  };
}

export function createProvider(options: ProviderOptions): Provider {
  const { appName, appBaseUrl, accounts } = options;
  const phrasesOf = (ctx: KoaContextWithOIDC) =>
    requestPhrases({ uiLocales: ctx.oidc?.params?.ui_locales, acceptLanguage: ctx.get('accept-language'), languageInfo: options.languageInfo?.() }).t;

  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: appName,
        redirect_uris: [`${appBaseUrl}/callback`],
        // Compared as exact strings; the SDK sends the base URL without a trailing slash.
        post_logout_redirect_uris: [appBaseUrl, `${appBaseUrl}/`],
        // With refresh_token allowed, oidc-provider's default `issueRefreshToken` issues one
        // whenever `offline_access` was granted, which is what Logto does for this app.
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // Also accepts client_secret_post: oidc-provider treats the two as one method.
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      ...(options.m2m
        ? [
            {
              client_id: options.m2m.clientId,
              client_secret: options.m2m.clientSecret,
              client_name: 'Local Management API app',
              grant_types: ['client_credentials'],
              redirect_uris: [],
              response_types: [],
              token_endpoint_auth_method: 'client_secret_basic' as const,
              // Only ES256 keys exist here; oidc-provider checks the alg of every client.
              id_token_signed_response_alg: 'ES256' as const,
            },
          ]
        : []),
    ],
    adapter: options.store.adapter,
    scopes: ['openid', 'offline_access', sessionsScope],
    jwks: { keys: options.signingKeys },
    cookies: { keys: options.cookieKeys },
    // Put profile and email claims in the ID token, which is what `getLogtoContext` reads.
    conformIdTokenClaims: false,
    claims: claimsByScope,
    extraParams: logtoExtraParams,
    async findAccount(_ctx, id) {
      const account = accounts.findById(id);
      return account && { accountId: account.id, claims: () => accountClaims(account) };
    },
    interactions: { url: (_ctx, interaction) => interactionPaths(interaction.uid).start },
    // Stricter than Logto, which waives PKCE for client_secret_basic apps; the SDK always sends it.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Sign-out revokes the refresh token only when discovery lists a revocation endpoint.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        logoutSource(ctx, form) {
          ctx.body = signOutScreen(phrasesOf(ctx), appName, form);
        },
        postLogoutSuccessSource(ctx) {
          ctx.body = signedOutScreen(phrasesOf(ctx), appName, appBaseUrl);
        },
      },
      resourceIndicators: {
        enabled: true,
        // As Logto: a token request without `resource` gets a token for /oidc/me.
        useGrantedResource: () => false,
        getResourceServerInfo: (ctx, indicator) => resourceServerInfo(ctx, indicator, options.m2m?.clientId),
      },
      // Machine-to-machine apps (the Management API); Logto's Traditional apps may not use it.
      clientCredentials: { enabled: true },
    },
    // Logto's lifetimes.
    ttl: {
      AccessToken: hour,
      IdToken: hour,
      RefreshToken: 14 * day,
      Interaction: hour,
      Session: 14 * day,
      Grant: 14 * day,
      // A machine-to-machine token (the Management API's) lives an hour, as in Logto (fixture 01).
      ClientCredentials: hour,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      const t = phrasesOf(ctx);
      ctx.body = messageScreen({
        t,
        title: t.requestFailedTitle,
        message: `${out.error}: ${out.error_description ?? t.noDetails}`,
        link: { href: appBaseUrl, label: fill(t.backToApp, { app: appName }) },
      });
    },
  });

  provider.on('server_error', (_ctx, error: Error) => options.log(`oidc-provider error: ${error.message}`));
  provider.use(logtoTokenErrors);
  provider.use(rememberSignIns(options.store));
  if (options.appUris) followRegisteredUris(provider, options.clientId, options.appUris);
  return provider;
}

/** The client id of a token request: Basic auth, else the form's `client_id`. */
function requestClientId(ctx: KoaContextWithOIDC): string | undefined {
  const header = ctx.get('authorization');
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decodeURIComponent(decoded.slice(0, decoded.indexOf(':')));
  }
  const param = ctx.oidc?.params?.client_id;
  return typeof param === 'string' ? param : undefined;
}

/**
 * The token endpoint's answers as Logto shapes them (recorded in the Management API fixtures):
 * every error gains `code: "oidc.<error>"` and `message`; an unknown client is a 400; and
 * client credentials without `resource` are refused (Logto issues no token for nothing).
 */
async function logtoTokenErrors(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  if (ctx.path !== '/token' || ctx.method !== 'POST') return;
  const body = ctx.body as Record<string, unknown> | undefined;
  if (ctx.status === 200 && ctx.oidc?.params?.grant_type === 'client_credentials' && !ctx.oidc.params.resource) {
    ctx.status = 400;
    ctx.body = { error: 'invalid_target', error_description: 'both `resource` and `organization_id` are not provided' };
  } else if (body?.error === 'invalid_client' && !ctx.oidc?.client) {
    ctx.status = 400;
    ctx.remove('www-authenticate');
    ctx.body = { error: 'invalid_client', error_description: `invalid client ${requestClientId(ctx) ?? ''}`.trim() };
  }
  const answer = ctx.body as Record<string, unknown> | undefined;
  if (typeof answer?.error === 'string') {
    const { error } = answer;
    // The Account API recordings' refused refresh carries a debug link (../logto-account-api 66, 77).
    const link = error === 'invalid_grant' && { error_uri: 'https://openid.sh/debug/invalid_grant' };
    ctx.body = { code: `oidc.${error}`, message: logtoOidcMessages[error] ?? `An OIDC error occurred: oidc.${error}.`, ...link, ...answer };
  }
}

/**
 * Keeps how each session was signed in (sign-in-routes.ts hands it over in the interaction's
 * result), which Logto shows as a session's `lastSubmission` in the Account API.
 */
function rememberSignIns(store: OidcStore) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const signIn = (ctx.oidc?.result as { signIn?: SignInRecord } | undefined)?.signIn;
    const uid = ctx.oidc?.session?.uid;
    if (ctx.oidc?.route !== 'resume' || !signIn || !uid) return;
    store.rememberSignIn(uid, signIn, ctx.oidc.client?.clientId ?? null);
  };
}

/** The app's redirect and post sign-out URIs are the registered ones of the moment, as in Logto. */
function followRegisteredUris(provider: Provider, appClientId: string, uris: () => { redirectUris: string[]; postLogoutRedirectUris: string[] }) {
  const prototype = provider.Client.prototype as unknown as {
    clientId: string;
    redirectUriAllowed(value: string): boolean;
    postLogoutRedirectUriAllowed(value: string): boolean;
  };
  const redirectUriAllowed = prototype.redirectUriAllowed;
  const postLogoutRedirectUriAllowed = prototype.postLogoutRedirectUriAllowed;
  prototype.redirectUriAllowed = function (this: typeof prototype, value: string) {
    return this.clientId === appClientId ? uris().redirectUris.includes(value) : redirectUriAllowed.call(this, value);
  };
  prototype.postLogoutRedirectUriAllowed = function (this: typeof prototype, value: string) {
    // The SDK may add a trailing slash to the base URL; Logto compares exact strings too.
    return this.clientId === appClientId
      ? uris().postLogoutRedirectUris.some((allowed) => value === allowed || value === `${allowed}/`)
      : postLogoutRedirectUriAllowed.call(this, value);
  };
}
