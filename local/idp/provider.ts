import Provider, { type JWK, type KoaContextWithOIDC } from 'oidc-provider';

import { accountClaims, claimsByScope, type AccountStore } from './accounts';
import { interactionPaths, messageScreen, signedOutScreen, signOutScreen } from './pages';

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
  signingKeys: JWK[];
  cookieKeys: string[];
  accounts: AccountStore;
  log: (line: string) => void;
};

const hour = 60 * 60;
const day = 24 * hour;

// Logto's extra authorization parameters; oidc-provider drops unknown ones silently.
const logtoExtraParams = ['interaction_mode', 'first_screen', 'identifier', 'direct_sign_in', 'one_time_token'];

const oidcScopes = new Set(['openid', 'offline_access', ...Object.keys(claimsByScope)]);

/**
 * Logto rejects unknown API resources; here every resource the app asks for exists and offers
 * whichever scopes the app requests for it. The consent grant still records exactly those, so
 * tokens carry only what was asked for. Like Logto, access tokens for APIs are JWTs.
 */
function resourceServerInfo(ctx: KoaContextWithOIDC, indicator: string) {
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
    ],
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
          ctx.body = signOutScreen(appName, form);
        },
        postLogoutSuccessSource(ctx) {
          ctx.body = signedOutScreen(appName, appBaseUrl);
        },
      },
      resourceIndicators: {
        enabled: true,
        // As Logto: a token request without `resource` gets a token for /oidc/me.
        useGrantedResource: () => false,
        getResourceServerInfo: resourceServerInfo,
      },
    },
    // Logto's lifetimes.
    ttl: {
      AccessToken: hour,
      IdToken: hour,
      RefreshToken: 14 * day,
      Interaction: hour,
      Session: 14 * day,
      Grant: 14 * day,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = messageScreen({
        title: 'Sign-in request failed',
        message: `${out.error}: ${out.error_description ?? 'no details'}`,
        link: { href: appBaseUrl, label: `Back to ${appName}` },
      });
    },
  });

  provider.on('server_error', (_ctx, error: Error) => options.log(`oidc-provider error: ${error.message}`));
  return provider;
}
