import type { ForgedCookie } from '../testing/forged-session-cookies';
import type { AccountActionIds } from './app-actions';
import type { Probe, ProbeAnswer } from './http-probe';

/**
 * The bad-input matrix: every route and server action of the app, given malformed, hostile,
 * oversized or merely odd requests. Each case may add its own expectation; `runBadInput` checks
 * the ones every answer must meet (no 5xx, no secret, in time, redirects stay home).
 */

export type BadInputCase = {
  group: string;
  name: string;
  probe: Probe;
  /** Why the answer is wrong, or undefined when it is right. */
  expect?: (answer: ProbeAnswer) => string | undefined;
  /** The SES message ID of an SNS message that must not be recorded (checked after the matrix). */
  recordsNothingFor?: string;
};

/** An SNS envelope: string fields only. */
export type SnsEnvelope = Record<string, string>;

export type CaseContext = {
  appUrl: string;
  idpUrl: string;
  /** `name=value` of a real, signed-in session. */
  sessionCookie: string;
  /**
   * Another real session, for the cases that may end it: a sign-out revokes the refresh token at
   * Logto, and with LOGTO_ACCOUNT_FEATURES=on the app then notices that the session is gone.
   */
  disposableSessionCookie?: string;
  /** A sign-in started at the app and not finished: its cookie, and the state it expects back. */
  pendingSignIn: { cookie: string; state: string };
  sessionCookieName: string;
  forgedCookies: ForgedCookie[];
  /** A proxy in front sets X-Forwarded-Host itself, so a client's own never reaches the app. */
  proxySetsForwardedHost?: boolean;
  actions: { signIn: string; signUp: string; signOut: string; sendTest: string };
  /** The /account actions (LOGTO_ACCOUNT_FEATURES=on); without them their cases are left out. */
  accountActions?: AccountActionIds;
  /** The stand-in's SNS topic, which the app hears, and its signer; without it the SNS cases are left out. */
  sesEvents?: {
    topicArn: string;
    sign: (envelope: SnsEnvelope) => SnsEnvelope;
    /** A signed message the app has recorded once already, to replay. */
    recorded: SnsEnvelope;
    /** The stand-in's certificate URL (SES_EVENTS_LOCAL_SIGNER). */
    signerUrl?: string;
  };
};

const pages = ['/', '/account', '/connector'];
const routes = [...pages, '/sign-in', '/sign-in/failed', '/callback', '/api/ses/test-send', '/api/ses/events', '/nope', '/api/nope'];
/** What browsers and HTTP clients send. TRACE is left out: see docs/RELIABILITY.md. */
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];

const huge = (size: number) => 'x'.repeat(size);
const q = (params: [string, string][]) => params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');

const statusIs =
  (...allowed: number[]) =>
  (answer: ProbeAnswer) =>
    allowed.includes(answer.status) ? undefined : `status ${answer.status}, expected ${allowed.join(' or ')}`;

/** A signed-out home page (or the expired-session notice), or a protected page's sign-in card. */
function readsAsSignedOut(path: string, expected: ForgedCookie['signedOut']) {
  return (answer: ProbeAnswer) => {
    if (answer.body.includes('data-testid="signed-in-email"')) return 'rendered a signed-in page';
    if (path === '/') {
      if (answer.status !== 200) return `status ${answer.status}, expected 200`;
      const notice = answer.body.includes('Your session has expired');
      if (expected === 'expired' && !notice) return 'no "session has expired" notice';
      if (expected === 'signed-out' && notice) return 'an expired-session notice for a cookie that is not a session';
      return undefined;
    }
    // A protected page says what it is and offers sign-in, instead of a silent redirect.
    if (answer.status !== 200) return `status ${answer.status}, expected 200`;
    return answer.body.includes('data-testid="sign-in-required"') ? undefined : 'no sign-in card';
  };
}

function cookieCases(context: CaseContext): BadInputCase[] {
  const cases: BadInputCase[] = [];
  for (const forged of context.forgedCookies) {
    const cookie = `${context.sessionCookieName}=${forged.value}`;
    for (const path of pages) {
      cases.push({ group: 'session cookie', name: `${path} with a ${forged.name} cookie`, probe: { method: 'GET', path, headers: { cookie } }, expect: readsAsSignedOut(path, forged.signedOut) });
    }
    cases.push({
      group: 'session cookie',
      name: `test-send with a ${forged.name} cookie`,
      probe: testSend(context, '{"to":"forged@example.com"}', { cookie }),
      expect: statusIs(401),
    });
  }
  const duplicate = `${context.sessionCookieName}=${context.forgedCookies[0]?.value ?? ''}; ${context.sessionCookie}`;
  cases.push({ group: 'session cookie', name: '/ with a forged and a real session cookie', probe: { method: 'GET', path: '/', headers: { cookie: duplicate } } });
  cases.push({ group: 'session cookie', name: '/ with 300 other cookies', probe: { method: 'GET', path: '/', headers: { cookie: Array.from({ length: 300 }, (_, index) => `c${index}=${index}`).join('; ') } } });
  return cases;
}

const withCookie = (cookie?: string): Record<string, string> => (cookie ? { cookie } : {});

function methodCases(context: CaseContext): BadInputCase[] {
  return routes.flatMap((path) =>
    methods.flatMap((method) =>
      [undefined, context.sessionCookie].map((cookie) => ({
        group: 'methods',
        name: `${method} ${path}${cookie ? ' (signed in)' : ''}`,
        probe: { method, path, headers: withCookie(cookie) },
      })),
    ),
  );
}

function callbackCases(context: CaseContext): BadInputCase[] {
  const queries: [string, string][] = [
    ['nothing', ''],
    ['code only', 'code=abc'],
    ['state only', 'state=abc'],
    ['forged code and state', 'code=forged&state=forged'],
    ['access_denied', 'error=access_denied&state=x'],
    ['server_error with a description', 'error=server_error&error_description=Something%20broke&state=x'],
    ['an unknown error', `error=${encodeURIComponent('<script>alert(1)</script>')}`],
    ['CR/LF in the error description', 'error=invalid_request&error_description=a%0D%0ASet-Cookie:%20x=1'],
    ['duplicate code and state', 'code=a&code=b&state=c&state=d'],
    ['a 6 KB code', `code=${huge(6000)}&state=x`],
    ['unicode', q([['code', 'ünïcødé-✓-🙂'], ['state', '状态']])],
    ['an encoded NUL', 'code=a%00b&state=%00'],
    ['malformed percent-encoding', 'code=%zz&state=%E0%A4%A'],
    ['an iss parameter from elsewhere', 'code=a&state=b&iss=https%3A%2F%2Fevil.example'],
    ['a javascript: error_uri', 'error=x&error_uri=javascript%3Aalert(1)'],
    ['array-style parameters', 'code[]=a&state[x]=b'],
    ['an empty name and value', '=&&=x'],
  ];
  const cookies: [string, string | undefined][] = [
    ['', undefined],
    [' (signed in)', context.sessionCookie],
    [' (sign-in in progress)', context.pendingSignIn.cookie],
  ];
  const cases = queries.flatMap(([name, query]) =>
    cookies.map(([label, cookie]) => ({
      group: 'callback query',
      name: `${name}${label}`,
      probe: { method: 'GET', path: `/callback${query ? `?${query}` : ''}`, headers: withCookie(cookie) },
      expect: statusIs(400, 403),
    })),
  );
  // Past the state check, so Logto itself refuses the code.
  const forgedCode = `/callback?${q([['code', 'forged'], ['state', context.pendingSignIn.state]])}`;
  cases.push({ group: 'callback query', name: 'the right state with a forged code', probe: { method: 'GET', path: forgedCode, headers: withCookie(context.pendingSignIn.cookie) }, expect: statusIs(400) });
  return cases;
}

/** Return addresses an attacker would try; sign-in must only ever come back to the app. */
export const hostileReturnTos = [
  '//evil.example',
  '//evil.example/account',
  '/\\evil.example',
  '\\\\evil.example',
  'https://evil.example',
  'http:evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '/\t/evil.example',
  '/account\r\nLocation: https://evil.example',
  '/ /evil.example',
  '///evil.example',
  `/${huge(3000)}`,
  '/account?next=https://evil.example',
  '/ünïcødé/✓',
];

function returnToCases(context: CaseContext): BadInputCase[] {
  const cases: BadInputCase[] = [];
  for (const returnTo of hostileReturnTos) {
    for (const mode of ['signIn', 'signUp', '<script>']) {
      cases.push({
        group: 'sign-in returnTo',
        name: `/sign-in?mode=${mode}&returnTo=${returnTo.slice(0, 40)}`,
        probe: { method: 'GET', path: `/sign-in?${q([['mode', mode], ['returnTo', returnTo]])}` },
        expect: redirectsTo(context.idpUrl),
      });
    }
    cases.push({
      group: 'sign-in returnTo',
      name: `sign-in button (server action) with returnTo=${returnTo.slice(0, 40)}`,
      probe: multipartPost(context, '/', [[`$ACTION_ID_${context.actions.signIn}`, ''], ['returnTo', returnTo]]),
      expect: redirectsTo(context.idpUrl),
    });
  }
  return cases;
}

function redirectsTo(origin: string) {
  return (answer: ProbeAnswer) => {
    const location = answer.headers.location ?? '';
    return answer.status === 303 && location.startsWith(`${origin}/`) ? undefined : `status ${answer.status} to "${location.slice(0, 80)}", expected 303 to ${origin}`;
  };
}

function failedPageCases(): BadInputCase[] {
  // The reasons of Logto-side failures answer 503 on purpose: the fault matrix covers them.
  const reasons = ['access_denied', 'nope', '', '<script>alert(1)</script>', 'ünïcødé', 'a%0D%0AX-Injected:%201', huge(4000), '__proto__', 'constructor', 'toString'];
  return [
    ...reasons.map((reason) => ({
      group: 'sign-in failed page',
      name: `reason=${reason.slice(0, 40)}`,
      probe: { method: 'GET', path: `/sign-in/failed?reason=${reason.includes('%') ? reason : encodeURIComponent(reason)}` },
      expect: (answer: ProbeAnswer) => (answer.body.includes('<script>alert(1)</script>') ? 'echoed the markup' : statusIs(400, 403)(answer)),
    })),
    { group: 'sign-in failed page', name: 'two reasons', probe: { method: 'GET', path: '/sign-in/failed?reason=access_denied&reason=idp_timeout' }, expect: statusIs(403) },
  ];
}

function testSend(context: CaseContext, body: string | Buffer | Buffer[] | undefined, headers: Record<string, string> = {}): Probe {
  const fixed: Record<string, string> = { origin: context.appUrl, 'content-type': 'application/json', cookie: context.sessionCookie, ...headers };
  if (typeof body === 'string' || Buffer.isBuffer(body)) fixed['content-length'] = String(Buffer.byteLength(body));
  return { method: 'POST', path: '/api/ses/test-send', headers: fixed, body };
}

const recipient = () => `bad-input-${Math.random().toString(36).slice(2, 10)}@example.com`;

function testSendCases(context: CaseContext): BadInputCase[] {
  const deep = `${'{"a":'.repeat(700)}1${'}'.repeat(700)}`;
  const bodies: [string, string | Buffer | Buffer[] | undefined, number[]][] = [
    ['no body', undefined, [400]],
    ['empty', '', [400]],
    ['null', 'null', [400]],
    ['an array', '[]', [400]],
    ['a string', '"ada@example.com"', [400]],
    ['a number', '42', [400]],
    ['truncated JSON', '{"to":"ada@example.com"', [400]],
    ['a trailing comma', '{"to":"ada@example.com",}', [400]],
    ['single quotes', "{'to':'ada@example.com'}", [400]],
    ['"to" as a number', '{"to":1}', [400]],
    ['"to" as null', '{"to":null}', [400]],
    ['"to" as an array', '{"to":["ada@example.com"]}', [400]],
    ['"to" as an object', '{"to":{"address":"ada@example.com"}}', [400]],
    ['"to" without a domain dot', '{"to":"ada@localhost"}', [400]],
    ['CR/LF in "to"', JSON.stringify({ to: 'ada@example.com\r\nBcc: victim@example.com' }), [400]],
    ['a display name in "to"', JSON.stringify({ to: 'Ada <ada@example.com>' }), [400]],
    ['a list in "to"', JSON.stringify({ to: 'ada@example.com,bob@example.com' }), [400]],
    ['a NUL in "to"', JSON.stringify({ to: 'ada\u0000@example.com' }), [400]],
    ['a right-to-left override in "to"', JSON.stringify({ to: 'ada\u202e@example.com' }), [400]],
    ['an internationalised domain', JSON.stringify({ to: 'ada@bücher.example' }), [200, 400]],
    ['a unicode local part', JSON.stringify({ to: '用户@example.com' }), [200, 400]],
    ['an emoji', JSON.stringify({ to: '🙂@example.com' }), [200, 400]],
    ['a 300-character address', JSON.stringify({ to: `${huge(290)}@example.com` }), [400]],
    ['an unknown usage type', JSON.stringify({ to: recipient(), usageType: 'Nope' }), [400]],
    ['a usage type that is a number', JSON.stringify({ to: recipient(), usageType: 7 }), [400]],
    ['a prototype key as usage type', JSON.stringify({ to: recipient(), usageType: '__proto__' }), [400]],
    ['a bad locale', JSON.stringify({ to: recipient(), locale: '../../etc/passwd' }), [400]],
    ['an unknown field', JSON.stringify({ to: recipient(), bcc: 'victim@example.com' }), [400]],
    ['a __proto__ field', `{"to":"${recipient()}","__proto__":{"usageType":"SignIn"}}`, [400]],
    ['a duplicated "to"', `{"to":"${recipient()}","to":"${recipient()}"}`, [200]],
    ['deeply nested JSON', deep, [400, 413]],
    ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ to: recipient() }))]), [200, 400]],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0x6f, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), [400]],
    ['4 KB + 1 byte', JSON.stringify({ to: recipient(), pad: huge(4096) }), [413]],
    ['1 MB', huge(1024 * 1024), [413]],
    ['1 MB in chunks, no length', Array.from({ length: 16 }, () => Buffer.from(huge(64 * 1024))), [413]],
    ['a valid request', JSON.stringify({ to: recipient(), usageType: 'SignIn', locale: 'pt-BR' }), [200]],
  ];
  const cases: BadInputCase[] = bodies.map(([name, body, statuses]) => {
    const probe = testSend(context, body);
    // Without a declared length the body goes out in chunks.
    if (Array.isArray(body)) delete probe.headers!['content-length'];
    return { group: 'test-send body', name, probe, expect: statusIs(...statuses) };
  });

  const valid = JSON.stringify({ to: recipient() });
  const contentTypes: [string, number][] = [
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/json; charset=latin1', 415],
    ['application/jsonx', 415],
    ['APPLICATION/JSON', 200],
    ['application/json; charset="UTF-8"', 200],
    ['', 415],
  ];
  for (const [type, status] of contentTypes) {
    cases.push({ group: 'test-send headers', name: `Content-Type "${type}"`, probe: testSend(context, JSON.stringify({ to: recipient() }), { 'content-type': type }), expect: statusIs(status) });
  }
  const origins: [string, Record<string, string>][] = [
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['an origin that is not a URL', { origin: 'garbage' }],
    ['the app origin with a trailing slash', { origin: `${context.appUrl}/` }],
    ['the app host over the other scheme', { origin: context.appUrl.startsWith('https:') ? context.appUrl.replace('https:', 'http:') : context.appUrl.replace('http:', 'https:') }],
    ['no Origin but Sec-Fetch-Site: cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
    ['no Origin but Sec-Fetch-Site: same-site', { origin: '', 'sec-fetch-site': 'same-site' }],
  ];
  for (const [name, headers] of origins) {
    const probe = testSend(context, valid, headers);
    if (headers.origin === '') delete probe.headers!.origin;
    cases.push({ group: 'test-send headers', name: `Origin: ${name}`, probe, expect: statusIs(403) });
  }
  cases.push({ group: 'test-send headers', name: 'no session', probe: testSend(context, valid, { cookie: '' }), expect: statusIs(401) });
  cases.push({ group: 'test-send headers', name: 'no session, bad body', probe: testSend(context, '{{{', { cookie: '' }), expect: statusIs(401) });
  cases.push({ group: 'test-send headers', name: 'a Content-Length that lies (says 10 MB)', probe: { ...testSend(context, valid), headers: { ...testSend(context, valid).headers, 'content-length': String(10 * 1024 * 1024) }, body: undefined }, expect: statusIs(413) });
  return cases;
}

/** The SES event SNS would carry for a delivered mail with this message ID. */
export const deliveryEventJson = (messageId: string) =>
  JSON.stringify({
    eventType: 'Delivery',
    mail: { timestamp: new Date().toISOString(), messageId, source: 'no-reply@example.com', destination: ['bad-input@example.com'] },
    delivery: { timestamp: new Date().toISOString(), recipients: ['bad-input@example.com'], smtpResponse: '250 OK' },
  });

/** 32 hex digits, as SNS names its certificates. */
const snsCertificateName = '0123456789abcdef0123456789abcdef';

let snsCounter = 0;

/** A fresh unsigned notification of the topic, for a new SES message ID. */
export function snsNotification(topicArn: string, messageId: string): SnsEnvelope {
  snsCounter += 1;
  return { Type: 'Notification', MessageId: `bad-input-sns-${snsCounter}-${Math.random().toString(36).slice(2, 10)}`, TopicArn: topicArn, Message: deliveryEventJson(messageId), Timestamp: new Date().toISOString() };
}

function snsPost(body: string | Buffer | Buffer[] | undefined, headers: Record<string, string> = {}): Probe {
  const fixed: Record<string, string> = { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification', ...headers };
  if (typeof body === 'string' || Buffer.isBuffer(body)) fixed['content-length'] = String(Buffer.byteLength(body));
  return { method: 'POST', path: '/api/ses/events', headers: fixed, body };
}

/**
 * POST /api/ses/events as someone other than SNS would: forged and tampered signatures, other
 * topics and certificate hosts, a replay, oversized bodies, other content types. Every one is a
 * 4xx, and none may be recorded (main.ts asks GET /api/ses/events for each message ID after).
 */
function sesEventsCases(context: CaseContext): BadInputCase[] {
  if (!context.sesEvents) return [];
  const { topicArn, sign, recorded } = context.sesEvents;
  const group = 'SES events (SNS)';
  let counter = 0;
  const nextId = () => `bad-input-ses-${(counter += 1)}-${Math.random().toString(36).slice(2, 10)}`;
  const cases: BadInputCase[] = [];
  const add = (name: string, messageId: string | undefined, probe: Probe, ...statuses: number[]) =>
    cases.push({ group, name, probe, expect: statusIs(...statuses), ...(messageId ? { recordsNothingFor: messageId } : {}) });
  const signedFor = (messageId: string, fields: SnsEnvelope = {}) => sign({ ...snsNotification(topicArn, messageId), ...fields });

  let id = nextId();
  add('a forged signature', id, snsPost(JSON.stringify({ ...signedFor(id), Signature: Buffer.from(huge(256)).toString('base64') })), 403);
  id = nextId();
  const tamperedId = nextId();
  add('a signed message whose event was changed after', tamperedId, snsPost(JSON.stringify({ ...signedFor(id), Message: deliveryEventJson(tamperedId) })), 403);
  id = nextId();
  add('SignatureVersion 1 (SHA-1), refused unless SES_EVENTS_ACCEPT_SIGNATURE_V1', id, snsPost(JSON.stringify({ ...signedFor(id), SignatureVersion: '1' })), 400);
  id = nextId();
  add('SignatureVersion 3', id, snsPost(JSON.stringify({ ...signedFor(id), SignatureVersion: '3' })), 400);
  id = nextId();
  add('no signature', id, snsPost(JSON.stringify({ ...signedFor(id), Signature: '' })), 400);
  id = nextId();
  add('a signed message of a topic that is not allowed', id, snsPost(JSON.stringify(signedFor(id, { TopicArn: 'arn:aws:sns:us-east-1:000000000000:someone-elses-topic' }))), 403);
  id = nextId();
  add('a signed message of an allowed topic, but another account', id, snsPost(JSON.stringify(signedFor(id, { TopicArn: topicArn.replace('000000000000', '123456789012') }))), 403);
  const certificateUrls = [
    'https://evil.example/cert.pem',
    'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService.pem',
    'http://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem',
    'https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService.pem',
    'https://sns.us-east-1.amazonaws.com/SimpleNotificationService.txt',
    'https://user@sns.us-east-1.amazonaws.com@evil.example/x.pem',
    'file:///etc/passwd',
    'http://127.0.0.1:1/_stand-in/sns-signing-cert.pem',
    'not a URL',
    // SNS's own certificate name, but not for this topic's region, or with more than the path.
    `https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-${snsCertificateName}.pem`,
    `https://sns.us-east-1.amazonaws.com/SimpleNotificationService-${snsCertificateName}.pem?Action=x`,
    `https://sns.us-east-1.amazonaws.com/SimpleNotificationService-${snsCertificateName}.pem#x`,
    `https://someone@sns.us-east-1.amazonaws.com/SimpleNotificationService-${snsCertificateName}.pem`,
    `https://sns.us-east-1.amazonaws.com/any/path/SimpleNotificationService-${snsCertificateName}.pem`,
    `https://sns.us-east-1.amazonaws.com.cn/SimpleNotificationService-${snsCertificateName}.pem`,
    // The stand-in's own host, with a query or another file: fetching them would show in its log.
    ...(context.sesEvents.signerUrl ? [`${context.sesEvents.signerUrl}?again=1`, context.sesEvents.signerUrl.replace('sns-signing-cert.pem', 'other.pem')] : []),
  ];
  for (const url of certificateUrls) {
    id = nextId();
    add(`a certificate from ${url}`, id, snsPost(JSON.stringify({ ...signedFor(id), SigningCertURL: url })), 400);
  }
  // Signed, but not recent: a captured message replayed later.
  for (const [age, Timestamp] of [
    ['from 2001', '2001-09-09T01:46:40.000Z'],
    ['61 minutes old', new Date(Date.now() - 61 * 60 * 1000).toISOString()],
    ['dated an hour ahead', new Date(Date.now() + 60 * 60 * 1000).toISOString()],
  ] as const) {
    id = nextId();
    add(`a signed message ${age}`, id, snsPost(JSON.stringify(signedFor(id, { Timestamp }))), 400);
  }
  id = nextId();
  const subscribe = sign({ ...snsNotification(topicArn, id), Type: 'SubscriptionConfirmation', SubscribeURL: 'https://evil.example/confirm', Token: 'x', Message: 'You have chosen to subscribe.' });
  add('a subscription confirmation that would visit another host', undefined, snsPost(JSON.stringify(subscribe)), 400);
  add('a replay of a recorded message', undefined, snsPost(JSON.stringify(recorded)), 409);
  id = nextId();
  add('a replay under a new SNS message ID (signature no longer matches)', undefined, snsPost(JSON.stringify({ ...recorded, MessageId: `${recorded.MessageId}-again` })), 403);

  id = nextId();
  const valid = JSON.stringify(signedFor(id));
  const contentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=latin1', 'application/xml', 'image/png'];
  for (const type of contentTypes) add(`a signed message sent as ${type}`, id, snsPost(valid, { 'content-type': type }), 415);

  id = nextId();
  const padded = JSON.stringify({ ...signedFor(id), Padding: huge(600 * 1024) });
  add('a 600 KB message', id, snsPost(padded), 413);
  add('a 1 MB body in chunks, no length', undefined, { ...snsPost(Array.from({ length: 16 }, () => Buffer.from(huge(64 * 1024)))), headers: { 'content-type': 'text/plain; charset=UTF-8' } }, 413);
  add('a Content-Length that lies (says 10 MB)', undefined, { ...snsPost(undefined), headers: { 'content-type': 'text/plain; charset=UTF-8', 'content-length': String(10 * 1024 * 1024) } }, 413);

  const bodies: [string, string][] = [
    ['not JSON', '{{{'],
    ['empty', ''],
    ['a JSON array', '[]'],
    ['null', 'null'],
    ['fields that are not strings', JSON.stringify({ ...snsNotification(topicArn, nextId()), MessageId: 7 })],
    ['an unknown Type', JSON.stringify({ ...signedFor(nextId()), Type: 'Surprise' })],
    ['deep nesting', `${'{"a":'.repeat(700)}1${'}'.repeat(700)}`],
  ];
  for (const [name, body] of bodies) add(name, undefined, snsPost(body), 400);

  // The GET of one test send's events, for the connector page.
  const get = (path: string, headers: Record<string, string> = {}): Probe => ({ method: 'GET', path, headers: { cookie: context.sessionCookie, ...headers } });
  add('GET without a session', undefined, { method: 'GET', path: '/api/ses/events?messageId=abc' }, 401);
  add('GET without a messageId (a summary: counts only of mail that is no test send of the caller)', undefined, get('/api/ses/events'), 200);
  add("GET of a message that is no test send of the caller's", undefined, get('/api/ses/events?messageId=0100018f-someone-elses'), 404);
  add('GET with two messageIds', undefined, get('/api/ses/events?messageId=a&messageId=b'), 400);
  add('GET with markup for a messageId', undefined, get(`/api/ses/events?messageId=${encodeURIComponent('<script>alert(1)</script>')}`), 400);
  add('GET with a 3 KB messageId', undefined, get(`/api/ses/events?messageId=${huge(3000)}`), 400);
  add('GET from another site', undefined, get('/api/ses/events?messageId=abc', { 'sec-fetch-site': 'cross-site' }), 403);
  add('GET with an Origin from another site', undefined, get('/api/ses/events?messageId=abc', { origin: 'https://evil.example' }), 403);
  add('DELETE', undefined, { method: 'DELETE', path: '/api/ses/events' }, 405);
  return cases;
}

function multipartPost(context: CaseContext, path: string, fields: [string, string][], headers: Record<string, string> = {}): Probe {
  const boundary = '----reliability';
  const body = `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')}--${boundary}--\r\n`;
  return {
    method: 'POST',
    path,
    headers: { origin: context.appUrl, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}

function fetchAction(context: CaseContext, path: string, actionId: string, body: string | Buffer, headers: Record<string, string> = {}): Probe {
  return {
    method: 'POST',
    path,
    headers: { origin: context.appUrl, 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}

/**
 * The /account forms, posted without JavaScript by a signed-in person with odd codes, addresses
 * and session ids: each answers with its redirect back to the page (the refusal is shown there),
 * and none reaches Logto with what was typed (the input is checked first).
 */
function accountActionCases(context: CaseContext): BadInputCase[] {
  const ids = context.accountActions;
  if (!ids) return [];
  const group = 'account actions';
  const backToAccount = (answer: ProbeAnswer) =>
    answer.status === 303 && (answer.headers.location ?? '').startsWith('/account') ? undefined : `status ${answer.status} to "${answer.headers.location ?? ''}", expected 303 to /account`;
  const post = (id: string, fields: [string, string][], cookie = context.sessionCookie) => multipartPost(context, '/account', [[`$ACTION_ID_${id}`, ''], ...fields], cookie ? { cookie } : {});
  const cases: BadInputCase[] = [];
  const codes: [string, string][] = [
    ['no code', ''],
    ['letters', 'abcdef'],
    ['5 digits', '12345'],
    ['a 100 KB code', huge(100_000)],
    ['CR/LF', '123\r\n456'],
    ['markup', '<script>alert(1)</script>'],
    ['full-width digits', '１２３４５６'],
  ];
  for (const [name, code] of codes) {
    cases.push({ group, name: `identity code: ${name}`, probe: post(ids.verifyIdentityCode, [['code', code]]), expect: backToAccount });
    cases.push({ group, name: `new-address code: ${name}`, probe: post(ids.verifyNewAddressCode, [['code', code]]), expect: backToAccount });
  }
  const addresses: [string, string][] = [
    ['no address', ''],
    ['CR/LF and a header', 'ada@example.com\r\nBcc: victim@example.com'],
    ['a list', 'ada@example.com,bob@example.com'],
    ['a display name', 'Ada <ada@example.com>'],
    ['a 3 KB address', `${huge(3000)}@example.com`],
    ['markup', '<script>alert(1)</script>@example.com'],
  ];
  for (const [name, email] of addresses) {
    cases.push({ group, name: `new address: ${name}`, probe: post(ids.sendNewAddressCode, [['email', email]]), expect: backToAccount });
  }
  const sessions: [string, string][] = [
    ['no session id', ''],
    ['a path', '../../api/applications'],
    ['a query', 'x?revokeGrantsTarget=none'],
    ['a 10 KB id', huge(10_000)],
    ['an id that is not listed', 'doesnotexist0000000000'],
  ];
  for (const [name, session] of sessions) {
    cases.push({ group, name: `end session: ${name}`, probe: post(ids.endSession, [['session', session]]), expect: backToAccount });
  }
  cases.push({ group, name: 'end other sessions without the identity check', probe: post(ids.endOtherSessions, []), expect: backToAccount });
  cases.push({ group, name: 'a forged flow cookie', probe: post(ids.verifyNewAddressCode, [['code', '123456']], `${context.sessionCookie}; account_flow=forged.value`), expect: backToAccount });
  // Signed out, every account action goes back to /account, whose card offers sign-in.
  for (const [name, id] of Object.entries(ids)) {
    cases.push({
      group,
      name: `${name} signed out`,
      probe: multipartPost(context, '/account', [[`$ACTION_ID_${id}`, ''], ['code', '123456'], ['email', 'a@example.com'], ['session', 'x']]),
      expect: backToAccount,
    });
  }
  for (const [name, body] of [
    ['a number for the form', '[42]'],
    ['no arguments', '[]'],
    ['an object for the form', '[{"code":"123456"}]'],
  ] as const) {
    cases.push({ group, name: `verify code called by script with ${name}`, probe: fetchAction(context, '/account', ids.verifyIdentityCode, body, { cookie: context.sessionCookie }) });
  }
  return cases;
}

function serverActionCases(context: CaseContext): BadInputCase[] {
  const { signIn, signOut, sendTest } = context.actions;
  const group = 'server actions';
  const cases: BadInputCase[] = [];
  const bodies: [string, string | Buffer][] = [
    ['not JSON', '{{{'],
    ['empty', ''],
    ['no arguments', '[]'],
    ['a number for the form', '[42]'],
    ['an object for the form', '[{"returnTo":"//evil.example"}]'],
    ['a string, not an argument list', '"text"'],
    ['null', 'null'],
    ['a reference to a part that is not there', '["$Q9"]'],
    ['a promise reference to a part that is not there', '["$@9"]'],
    ['a server function reference', '["$F1"]'],
    ['a malformed big integer', '["$nxyz"]'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['bytes that are not UTF-8', Buffer.from([0x5b, 0xff, 0xfe, 0x5d])],
    ['unicode and CR/LF', JSON.stringify(['ünïcødé\r\n✓🙂'])],
    ['2 MB', `["${huge(2 * 1024 * 1024)}"]`],
  ];
  for (const [name, body] of bodies) {
    cases.push({ group, name: `sign-in action called with ${name}`, probe: fetchAction(context, '/', signIn, body) });
  }
  for (const [name, headers] of [
    ['from another site', { origin: 'https://evil.example' }],
    ['with an opaque origin', { origin: 'null' }],
    ['with an origin that is not a URL', { origin: 'garbage' }],
    ['with a forwarded host from elsewhere', { 'x-forwarded-host': 'evil.example' }],
    // Next's own rule only compares Origin with these, which a client may set: the app compares it with its base URL.
    ['from another site whose Host and X-Forwarded-Host agree with the Origin', { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' }],
  ] as const) {
    const replacedByProxy = 'x-forwarded-host' in headers && context.proxySetsForwardedHost;
    cases.push({ group, name: `sign-in action ${name}`, probe: fetchAction(context, '/', signIn, '[]', headers), expect: replacedByProxy ? undefined : statusIs(403) });
  }
  for (const id of ['deadbeef', '', '0'.repeat(42), 'zz'.repeat(21), '../../../etc/passwd', 'ünïcødé', huge(3000)]) {
    cases.push({ group, name: `unknown action id "${id.slice(0, 20)}"`, probe: fetchAction(context, '/', id, '[]') });
  }
  // Never with the shared session: a sign-out ends it at Logto, and the later checks need it.
  const disposable: Record<string, string> = context.disposableSessionCookie ? { cookie: context.disposableSessionCookie } : {};
  cases.push({ group, name: 'sign-out action with garbage', probe: fetchAction(context, '/', signOut, '[1,2,3]', disposable) });

  const form = (fields: [string, string][]) => multipartPost(context, '/connector', fields, { cookie: context.sessionCookie });
  const testSendFields = (to: string): [string, string][] => [
    ['$ACTION_REF_1', ''],
    ['$ACTION_1:0', JSON.stringify({ id: sendTest, bound: '$@1' })],
    ['$ACTION_1:1', '[{}]'],
    ['to', to],
    ['usageType', 'Generic'],
  ];
  const recipients: [string, string][] = [
    ['CR/LF in the recipient', 'ada@example.com\r\nBcc: victim@example.com'],
    ['a list of recipients', 'ada@example.com,bob@example.com'],
    ['a 3 KB recipient', `${huge(3000)}@example.com`],
    ['markup in the recipient', '<script>alert(1)</script>@example.com'],
  ];
  for (const [name, to] of recipients) {
    cases.push({ group, name: `test-send form (no JavaScript) with ${name}`, probe: form(testSendFields(to)), expect: statusIs(200) });
  }
  cases.push({ group, name: 'test-send form with its state missing', probe: form(testSendFields('a@example.com').filter(([name]) => name !== '$ACTION_1:1')), expect: statusIs(400) });
  cases.push({ group, name: 'test-send form with state React cannot resolve', probe: form([...testSendFields('a@example.com').filter(([name]) => name !== '$ACTION_1:1'), ['$ACTION_1:1', '["$Q9"]']]), expect: statusIs(400) });
  cases.push({ group, name: 'test-send form with metadata that is not JSON', probe: form([['$ACTION_REF_1', ''], ['$ACTION_1:0', '{{{']]), expect: statusIs(400) });
  cases.push({ group, name: 'test-send called by script with a number for the form', probe: fetchAction(context, '/connector', sendTest, '[{},42]', { cookie: context.sessionCookie }) });
  cases.push({ group, name: 'form with an unknown action id', probe: multipartPost(context, '/', [['$ACTION_ID_zz', '']]) });
  cases.push({ group, name: 'form with 2,000 fields', probe: multipartPost(context, '/', Array.from({ length: 2000 }, (_, index) => [`f${index}`, String(index)] as [string, string])) });
  const broken: [string, Probe][] = [
    ['a multipart body cut short', { ...multipartPost(context, '/', [[`$ACTION_ID_${signIn}`, '']]), body: '------reliability\r\nContent-Disposition: form-data; name="a"\r\n\r\n' }],
    ['a multipart type without boundary', { ...multipartPost(context, '/', [[`$ACTION_ID_${signIn}`, '']]), headers: { origin: context.appUrl, 'content-type': 'multipart/form-data' } }],
    ['a 2 MB multipart form', multipartPost(context, '/', [[`$ACTION_ID_${signIn}`, ''], ['returnTo', huge(2 * 1024 * 1024)]])],
  ];
  for (const [name, probe] of broken) {
    if (probe.headers && typeof probe.body === 'string') probe.headers['content-length'] = String(Buffer.byteLength(probe.body));
    cases.push({ group, name: `form with ${name}`, probe, expect: statusIs(400, 413) });
  }
  return cases;
}

function headerCases(context: CaseContext): BadInputCase[] {
  const variants: [string, Record<string, string>][] = [
    ['an 8 KB header', { 'x-filler': huge(8 * 1024) }],
    ['a 20 KB header', { 'x-filler': huge(20 * 1024) }],
    ['100 extra headers', Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`x-extra-${index}`, String(index)]))],
    ['RSC with a garbage router state', { rsc: '1', 'next-router-state-tree': '%%%garbage' }],
    ['RSC with a router state that is not a tree', { rsc: '1', 'next-router-state-tree': encodeURIComponent('[1,2,{"a":null}]') }],
    ['RSC with a huge router state', { rsc: '1', 'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: [huge(6000), {}] }])) }],
    ['a prefetch header', { 'next-router-prefetch': '1', rsc: '1' }],
    ['a garbage Next-Url', { 'next-url': '//evil.example/%zz' }],
    ['a Host from elsewhere', { host: 'evil.example' }],
    ['a Host with two ports', { host: 'localhost:3300:99' }],
    ['X-Forwarded-Host from elsewhere', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
    ['X-Forwarded-Proto javascript', { 'x-forwarded-proto': 'javascript' }],
    ['a garbage X-Forwarded-For', { 'x-forwarded-for': 'not-an-ip, , ::zz' }],
    ['Accept: nothing the app serves', { accept: 'application/x-nothing' }],
    ['a garbage Range', { range: 'bytes=9-1,zz' }],
    ['a garbage If-None-Match', { 'if-none-match': '"' }],
    ['Accept-Encoding from nowhere', { 'accept-encoding': 'x-zip;q=2, *;q=-1' }],
    ['latin-1 bytes in a header', { 'x-latin': 'caf\u00e9 \u00ff' }],
    ['a Cookie header without a name', { cookie: '=value; ; ===' }],
  ];
  return ['/', '/account', '/callback?code=a&state=b', '/sign-in', '/api/ses/test-send', '/api/ses/events'].flatMap((path) =>
    variants.map(([name, headers]) => ({
      group: 'odd headers',
      name: `${path.split('?')[0]} with ${name}`,
      // Signed in, so the pages render in full.
      probe: { method: path.startsWith('/api/') ? 'POST' : 'GET', path, headers: { cookie: context.sessionCookie, ...(path.startsWith('/api/') ? { 'content-type': 'application/json' } : {}), ...headers } },
    })),
  );
}

function unknownPathCases(): BadInputCase[] {
  const paths = [
    '/nope',
    '/api/nope',
    '/callback/extra',
    '/sign-in/failed/extra',
    '/api/ses/test-send/extra',
    '/%00',
    '/%zz',
    '/..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '//evil.example',
    '/\\evil.example',
    `/${huge(6000)}`,
    '/ünïcødé/✓',
    '/_next/static/nope.js',
    '/_next/image?url=http%3A%2F%2Fevil.example%2Fx.png&w=64&q=75',
    '/_next/data/nope/index.json',
    '/.env',
    '/.git/config',
    '/favicon.ico',
    '/robots.txt',
    '/index.php?cmd=id',
    '/sign-in?mode=signIn&mode=signUp&returnTo=/a&returnTo=//b',
  ];
  return paths.map((path) => ({ group: 'unknown paths', name: path.slice(0, 60), probe: { method: 'GET', path: encodeURI(path).replaceAll('%25', '%') } }));
}

export function badInputCases(context: CaseContext): BadInputCase[] {
  return [
    ...cookieCases(context),
    ...methodCases(context),
    ...callbackCases(context),
    ...returnToCases(context),
    ...failedPageCases(),
    ...testSendCases(context),
    ...sesEventsCases(context),
    ...serverActionCases(context),
    ...accountActionCases(context),
    ...headerCases(context),
    ...unknownPathCases(),
  ];
}
