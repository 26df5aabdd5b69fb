import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { JWK } from 'oidc-provider';

import {
  connectorConfigAnswer,
  connectorTest,
  emailFactories,
  patchDetailsIssues,
  putTemplatesIssues,
  rowId,
  sortedRows,
  templateNotFound,
  templateRowBody,
  type EmailTemplateRow,
  type SesEndpoint,
  type TemplateInput,
  invalidInput,
  typeName,
  type Answer,
  type GuardIssue,
} from './management-connectors';
import { accountCenterRoute } from './account-center';
import { readJson } from './http';
import awsSesFactory from './management-api/aws-ses-factory.json';
import smtpFactory from './management-api/smtp-factory.json';
import type { ManagementStore } from './management-state';
import { managementApiResource } from './provider';

/**
 * The part of Logto's Management API (`/api/...`) that the setup doctor and sync use, with the paths,
 * bodies, status codes and error codes recorded from a real Logto 1.42
 * (local/idp/management-api/recorded, replayed by management-api.integration.test.ts).
 * Requests need an M2M access token for the Management API resource with scope `all`.
 */

export type ManagementApiOptions = {
  issuer: string;
  signingKeys: JWK[];
  store: ManagementStore;
  m2m?: { clientId: string };
  /** Where connector tests send (the local SES inbox). */
  ses: SesEndpoint;
};


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

  const factories = [awsSesFactory, smtpFactory];
  const factoryOf = (id: string) => factories.find((factory) => factory.id === id);

  const connectors = () =>
    store.state.connectors.map(({ id, connectorId, config }) => {
      const { id: factoryId, ...factory } = factoryOf(connectorId) ?? awsSesFactory;
      return { id, syncProfile: false, enableTokenStorage: false, config, metadata: {}, connectorId: connectorId || factoryId, ...factory, extraInfo: {} };
    });

  const objectBody = (body: unknown): Answer | undefined =>
    typeof body === 'object' && body !== null && !Array.isArray(body) ? undefined : invalidInput([{ code: 'invalid_type', expected: 'object', received: typeName(body), path: [], message: 'Expected object' }]);

  /** Logto keeps one email connector: creating one silently removes the other (fixtures 57, 58). */
  async function createConnector(req: IncomingMessage): Promise<Answer> {
    const body = await readJson(req);
    const notObject = objectBody(body);
    if (notObject) return notObject;
    const { connectorId, config, id } = body as Record<string, unknown>;
    if (typeof connectorId !== 'string') {
      return invalidInput([{ code: 'invalid_type', expected: 'string', received: typeName(connectorId), path: ['connectorId'], message: connectorId === undefined ? 'Required' : 'Expected string' }]);
    }
    if (!(emailFactories as readonly string[]).includes(connectorId)) return { status: 404, body: { code: 'entity.not_found', message: 'The resource does not exist.' } };
    const invalid = connectorConfigAnswer(connectorId, config ?? {});
    if (invalid) return invalid;
    const rowIdentifier = typeof id === 'string' && id !== '' ? id : rowId(12);
    store.update((state) => {
      state.connectors = [{ id: rowIdentifier, connectorId, config: config as Record<string, unknown> }];
    });
    return { status: 200, body: connectors().find((connector) => connector.id === rowIdentifier) };
  }

  /** PATCH replaces `config` whole: a partial one fails the guard (fixture 34). */
  async function updateConnector(req: IncomingMessage, id: string): Promise<Answer> {
    const row = store.state.connectors.find((connector) => connector.id === id);
    if (!row) return notFound;
    const body = await readJson(req);
    const notObject = objectBody(body);
    if (notObject) return notObject;
    const { config } = body as Record<string, unknown>;
    if (config !== undefined) {
      const invalid = connectorConfigAnswer(row.connectorId, config);
      if (invalid) return invalid;
      store.update((state) => {
        const stored = state.connectors.find((connector) => connector.id === id);
        if (stored) stored.config = config as Record<string, unknown>;
      });
    }
    return { status: 200, body: connectors().find((connector) => connector.id === id) };
  }

  async function putTemplates(req: IncomingMessage): Promise<Answer> {
    const body = await readJson(req);
    const issues = putTemplatesIssues(body);
    if (issues.length > 0) return invalidInput(issues);
    const inputs = (body as { templates: TemplateInput[] }).templates;
    const keys: string[] = [];
    store.update((state) => {
      for (const { languageTag, templateType, details } of inputs) {
        // Upsert on (languageTag, templateType): an existing row keeps its id, only details change (fixture 42).
        const existing = state.emailTemplates.find((row) => row.languageTag === languageTag && row.templateType === templateType);
        if (existing) existing.details = details;
        else state.emailTemplates.push({ id: rowId(21), languageTag, templateType, details, createdAt: Date.now() });
        keys.push(`${languageTag}\u0000${templateType}`);
      }
    });
    const rows = keys.map((key) => store.state.emailTemplates.find((row) => `${row.languageTag}\u0000${row.templateType}` === key) as EmailTemplateRow);
    return { status: 200, body: rows.map(templateRowBody) };
  }

  const matchesFilter = (row: EmailTemplateRow, url: URL) => {
    const languageTag = url.searchParams.get('languageTag');
    const templateType = url.searchParams.get('templateType');
    return (languageTag === null || row.languageTag === languageTag) && (templateType === null || row.templateType === templateType);
  };

  async function emailTemplates(req: IncomingMessage, url: URL, method: string): Promise<Answer | undefined> {
    const path = url.pathname;
    if (path === '/api/email-templates') {
      if (method === 'GET') return { status: 200, body: sortedRows(store.state.emailTemplates.filter((row) => matchesFilter(row, url))).map(templateRowBody) };
      if (method === 'PUT') return putTemplates(req);
      if (method === 'DELETE') {
        if (!url.searchParams.has('languageTag') && !url.searchParams.has('templateType')) {
          return {
            status: 422,
            body: {
              code: 'connector.email_connector.bulk_deletion_no_filter',
              message: 'At least one filter condition must be provided to perform bulk deletion by properties. Supported properties are: languageTag and templateType.',
            },
          };
        }
        const rowCount = store.state.emailTemplates.filter((row) => matchesFilter(row, url)).length;
        store.update((state) => {
          state.emailTemplates = state.emailTemplates.filter((row) => !matchesFilter(row, url));
        });
        return { status: 200, body: { rowCount } };
      }
      return undefined;
    }
    const match = /^\/api\/email-templates\/([^/]+)(\/details)?$/.exec(path);
    if (!match) return undefined;
    const id = decodeURIComponent(match[1] ?? '');
    const row = store.state.emailTemplates.find((template) => template.id === id);
    if (match[2]) {
      if (method !== 'PATCH') return undefined;
      if (!row) return templateNotFound(id);
      const body = await readJson(req);
      const issues = patchDetailsIssues(body);
      if (issues.length > 0) return invalidInput(issues);
      // A shallow merge into the stored details (fixture 47).
      store.update((state) => {
        const stored = state.emailTemplates.find((template) => template.id === id);
        if (stored) stored.details = { ...stored.details, ...(body as Record<string, unknown>) };
      });
      return { status: 200, body: templateRowBody(store.state.emailTemplates.find((template) => template.id === id) as EmailTemplateRow) };
    }
    if (method === 'GET') return row ? { status: 200, body: templateRowBody(row) } : templateNotFound(id);
    if (method === 'DELETE') {
      if (!row) return templateNotFound(id);
      store.update((state) => {
        state.emailTemplates = state.emailTemplates.filter((template) => template.id !== id);
      });
      return { status: 204 };
    }
    return undefined;
  }

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
    const accountCenter = await accountCenterRoute(path, method, store, () => readJson(req));
    if (accountCenter) return accountCenter;
    if (path === '/api/sign-in-exp' && method === 'GET') return { status: 200, body: store.state.signInExperience };
    if (path === '/api/connectors' && method === 'GET') {
      const target = url.searchParams.get('target');
      return { status: 200, body: connectors().filter((connector) => target === null || connector.target === target) };
    }
    if (path === '/api/connectors' && method === 'POST') return createConnector(req);
    const testMatch = /^\/api\/connectors\/([^/]+)\/test$/.exec(path);
    if (testMatch && method === 'POST') return connectorTest(decodeURIComponent(testMatch[1] ?? ''), await readJson(req), store.state, options.ses);
    const connectorMatch = /^\/api\/connectors\/([^/]+)$/.exec(path);
    if (connectorMatch && method === 'GET') {
      const connector = connectors().find(({ id }) => id === decodeURIComponent(connectorMatch[1] ?? ''));
      return connector ? { status: 200, body: connector } : notFound;
    }
    if (connectorMatch && method === 'PATCH') return updateConnector(req, decodeURIComponent(connectorMatch[1] ?? ''));
    const factoryMatch = /^\/api\/connector-factories\/([^/]+)$/.exec(path);
    if (factoryMatch && method === 'GET') {
      const factory = factoryOf(decodeURIComponent(factoryMatch[1] ?? ''));
      return factory ? { status: 200, body: factory } : notFound;
    }
    const templates = await emailTemplates(req, url, method);
    if (templates) return templates;
    return notFound;
  }

  /** Answers `/api/...` requests; false for every other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    const answer = (await authorize(req, options, keys)) ?? (await route(req, url));
    // A 204 has no body, and Logto sends no content type with it.
    res.writeHead(answer.status, answer.status === 204 ? { 'cache-control': 'no-store' } : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    return true;
  };
}
