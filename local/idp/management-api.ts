import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { JWK } from 'oidc-provider';

import awsSesFactory from './management-api/aws-ses-factory.json';
import type { ManagementStore } from './management-state';
import { managementApiResource } from './provider';

/**
 * The part of Logto's Management API (`/api/...`) that the setup doctor uses, with the paths,
 * bodies, status codes and error codes recorded from a real Logto 1.42
 * (local/idp/management-api/recorded, replayed by management-api.integration.test.ts).
 * Requests need an M2M access token for the Management API resource with scope `all`.
 */

export type ManagementApiOptions = {
  issuer: string;
  signingKeys: JWK[];
  store: ManagementStore;
  m2m?: { clientId: string };
};

type Answer = { status: number; body?: unknown };

const maxBodyBytes = 64 * 1024;

const unauthorizedMessage = 'Unauthorized. Please check credentials and its scope.';

/**
 * Public halves of the signing keys: what Logto's API checks its tokens against. oidc-provider
 * names each key by its RFC 7638 thumbprint, which tokens carry as `kid`.
 */
function publicKeySet(keys: JWK[]): JSONWebKeySet {
  return {
    keys: keys.map((key) => {
      const { crv, kty, x, y } = key as { crv: string; kty: string; x: string; y: string };
      const kid = createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
      return { crv, kty, x, y, kid, alg: 'ES256' };
    }),
  };
}

async function authorize(req: IncomingMessage, options: ManagementApiOptions, keys: ReturnType<typeof createLocalJWKSet>): Promise<Answer | undefined> {
  const header = req.headers.authorization;
  if (!header) return { status: 401, body: { code: 'auth.authorization_header_missing', message: 'Authorization header is missing.' } };
  if (!header.startsWith('Bearer ')) {
    return { status: 401, body: { code: 'auth.authorization_token_type_not_supported', data: { supportedTypes: ['Bearer'] }, message: 'Authorization type is not supported.' } };
  }
  let scope: unknown;
  try {
    ({ payload: { scope } } = await jwtVerify(header.slice('Bearer '.length), keys, { issuer: options.issuer, audience: managementApiResource }));
  } catch (error) {
    // Logto puts jose's error in `data`, the failed claim and the token's payload included.
    const { code, name, claim, reason, payload } = error as { code?: string; name?: string; claim?: string; reason?: string; payload?: unknown };
    const data = claim === undefined ? { code, name } : { code, name, claim, reason, payload };
    return { status: 401, body: { code: 'auth.unauthorized', data, message: unauthorizedMessage } };
  }
  if (typeof scope !== 'string' || !scope.split(' ').includes('all')) {
    return { status: 403, body: { code: 'auth.forbidden', message: 'Forbidden. Please check your user roles and permissions.' } };
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

type GuardIssue = { code: string; expected?: string; received?: string; path: (string | number)[]; message: string };

/** Logto's request guard answer (a zod 3 error), as in fixture 20. */
function invalidInput(issues: GuardIssue[]): Answer {
  const [first] = issues;
  const details = first ? `Error in key path "${first.path.join('.')}": (${first.code}) ${first.expected ? `Expected ${first.expected} but received ${first.received}.` : first.message}` : '';
  return { status: 400, body: { code: 'guard.invalid_input', data: { issues, name: 'ZodError' }, details, message: 'The request body is invalid.' } };
}

const typeName = (value: unknown) => (value === undefined ? 'undefined' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** `oidcClientMetadata`, when sent, needs both URI lists whole: Logto replaces, never merges. */
function uriListIssues(metadata: Record<string, unknown>): GuardIssue[] {
  const issues: GuardIssue[] = [];
  for (const key of ['redirectUris', 'postLogoutRedirectUris']) {
    const list = metadata[key];
    const path = ['oidcClientMetadata', key];
    if (!Array.isArray(list)) {
      issues.push({ code: 'invalid_type', expected: 'array', received: typeName(list), path, message: list === undefined ? 'Required' : `Expected array, received ${typeName(list)}` });
      continue;
    }
    list.forEach((uri: unknown, index) => {
      if (typeof uri !== 'string') issues.push({ code: 'invalid_type', expected: 'string', received: typeName(uri), path: [...path, index], message: `Expected string, received ${typeName(uri)}` });
      else if (!URL.canParse(uri)) issues.push({ code: 'custom', path: [...path, index], message: 'Invalid URL' });
    });
  }
  return issues;
}

const notFound = { status: 404, body: { code: 'entity.not_found', message: 'The resource does not exist.' } };

export function createManagementApi(options: ManagementApiOptions) {
  const keys = createLocalJWKSet(publicKeySet(options.signingKeys));
  const { store } = options;

  function application(id: string, withAdmin: boolean) {
    const { application: app } = store.state;
    if (id !== app.id) return undefined;
    return {
      tenantId: 'default',
      id: app.id,
      name: app.name,
      description: null,
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: app.redirectUris, postLogoutRedirectUris: app.postLogoutRedirectUris },
      customClientMetadata: {},
      protectedAppMetadata: null,
      customData: {},
      isThirdParty: false,
      appLevelAccessControlEnabled: false,
      createdAt: app.createdAt,
      // Logto's GET has `isAdmin`, its PATCH answer does not (fixtures 16 and 18).
      ...(withAdmin && { isAdmin: false }),
    };
  }

  const connectors = () =>
    store.state.connectors.map(({ id, connectorId, config }) => {
      const { id: factoryId, ...factory } = awsSesFactory;
      return { id, syncProfile: false, enableTokenStorage: false, config, metadata: {}, connectorId: connectorId || factoryId, ...factory, extraInfo: {} };
    });

  async function route(req: IncomingMessage, url: URL): Promise<Answer> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const appMatch = /^\/api\/applications\/([^/]+)$/.exec(path);
    if (appMatch) {
      const id = decodeURIComponent(appMatch[1] ?? '');
      const missing = { status: 404, body: { code: 'entity.not_exists_with_id', message: `The applications with ID \`${id}\` does not exist.` } };
      if (method === 'GET') return application(id, true) ? { status: 200, body: application(id, true) } : missing;
      if (method === 'PATCH') {
        if (!application(id, false)) return missing;
        const body = await readJson(req);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return invalidInput([{ code: 'invalid_type', expected: 'object', received: typeName(body), path: [], message: 'Expected object' }]);
        }
        const { name, oidcClientMetadata } = body as Record<string, unknown>;
        if (name !== undefined && typeof name !== 'string') {
          return invalidInput([{ code: 'invalid_type', expected: 'string', received: typeName(name), path: ['name'], message: `Expected string, received ${typeName(name)}` }]);
        }
        if (oidcClientMetadata !== undefined) {
          if (typeof oidcClientMetadata !== 'object' || oidcClientMetadata === null) {
            return invalidInput([{ code: 'invalid_type', expected: 'object', received: typeName(oidcClientMetadata), path: ['oidcClientMetadata'], message: 'Expected object' }]);
          }
          const issues = uriListIssues(oidcClientMetadata as Record<string, unknown>);
          if (issues.length > 0) return invalidInput(issues);
        }
        store.update((state) => {
          if (typeof name === 'string') state.application.name = name;
          if (oidcClientMetadata) {
            const { redirectUris, postLogoutRedirectUris } = oidcClientMetadata as { redirectUris: string[]; postLogoutRedirectUris: string[] };
            Object.assign(state.application, { redirectUris, postLogoutRedirectUris });
          }
        });
        return { status: 200, body: application(id, false) };
      }
    }
    if (path === '/api/sign-in-exp' && method === 'GET') return { status: 200, body: store.state.signInExperience };
    if (path === '/api/connectors' && method === 'GET') {
      const target = url.searchParams.get('target');
      return { status: 200, body: connectors().filter((connector) => target === null || connector.target === target) };
    }
    const connectorMatch = /^\/api\/connectors\/([^/]+)$/.exec(path);
    if (connectorMatch && method === 'GET') {
      const connector = connectors().find(({ id }) => id === decodeURIComponent(connectorMatch[1] ?? ''));
      return connector ? { status: 200, body: connector } : notFound;
    }
    const factoryMatch = /^\/api\/connector-factories\/([^/]+)$/.exec(path);
    if (factoryMatch && method === 'GET') {
      return decodeURIComponent(factoryMatch[1] ?? '') === awsSesFactory.id ? { status: 200, body: awsSesFactory } : notFound;
    }
    return notFound;
  }

  /** Answers `/api/...` requests; false for every other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    const answer = (await authorize(req, options, keys)) ?? (await route(req, url));
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    return true;
  };
}
