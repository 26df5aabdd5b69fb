// React's own reply encoder, as Next ships it: what the browser runs when a form calls an action.
import { encodeReply } from 'next/dist/compiled/react-server-dom-turbopack/client.node';
import { describe, expect, it } from 'vitest';

import { maxServerActionBodyBytes, refuseBadServerActionPost } from './server-action-guard';

const host = 'app.example.com';

function post(body: BodyInit | null, headers: Record<string, string>) {
  return new Request(`https://${host}/`, { method: 'POST', body, headers: { host, origin: `https://${host}`, ...headers }, duplex: 'half' } as RequestInit);
}

const fetchAction = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  post(body, { 'next-action': '40abc', 'content-type': 'text/plain;charset=UTF-8', ...headers });

function multipart(text: string, headers: Record<string, string> = {}) {
  return post(text, { 'content-type': 'multipart/form-data; boundary=xyz', ...headers });
}

const goodMultipart = '--xyz\r\nContent-Disposition: form-data; name="returnTo"\r\n\r\n/\r\n--xyz--\r\n';

const appOrigins = [`https://${host}`];
const statusOf = async (request: Request) => (await refuseBadServerActionPost(request, appOrigins))?.status;

describe('refuseBadServerActionPost', () => {
  it('lets through what is not a server action', async () => {
    expect(await statusOf(new Request(`https://${host}/`))).toBeUndefined();
    expect(await statusOf(post('{}', { 'content-type': 'application/json', origin: 'https://evil.example' }))).toBeUndefined();
  });

  it('lets through well-formed actions from this host, and from non-browser clients', async () => {
    expect(await statusOf(fetchAction('["$K1"]'))).toBeUndefined();
    expect(await statusOf(multipart(goodMultipart))).toBeUndefined();
    const noOrigin = new Request(`https://${host}/`, { method: 'POST', body: '[]', headers: { host, 'next-action': '40abc' } });
    expect(await statusOf(noOrigin)).toBeUndefined();
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['an origin that is not a URL', { origin: 'garbage' }],
    ['an empty origin', { origin: '' }],
    ['a forwarded host that differs', { 'x-forwarded-host': 'evil.example' }],
  ])('refuses a post from %s with 403', async (_label, headers) => {
    const refused = await refuseBadServerActionPost(fetchAction('[]', headers), appOrigins);
    expect(refused?.status).toBe(403);
    expect(await refused?.text()).toContain('from another site');
  });

  it("refuses in the language of the request: the switch's cookie, else Accept-Language", async () => {
    const chinese = await refuseBadServerActionPost(fetchAction('[]', { origin: 'https://evil.example', 'accept-language': 'zh-CN,zh;q=0.9' }), appOrigins);
    const html = await chinese?.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1 id="title">此表单来自其他网站</h1>');
    expect(html).toContain('错误代码：cross_site_form');
    const chosen = await refuseBadServerActionPost(fetchAction('{', { cookie: 'a=1; NEXT_LOCALE=en', 'accept-language': 'zh-CN' }), appOrigins);
    expect(chosen?.status).toBe(400);
    expect(await chosen?.text()).toContain('<h1 id="title">This form could not be read</h1>');
  });

  it('refuses an Origin other than the configured base URL, even when Host and X-Forwarded-Host agree with it', async () => {
    const spoofed = fetchAction('[]', { host: 'evil.example', 'x-forwarded-host': 'evil.example', origin: 'https://evil.example' });
    expect(await statusOf(spoofed)).toBe(403);
    expect(await statusOf(fetchAction('[]', { origin: `http://${host}` }))).toBe(403);
    // The other URLs people reach the deployment at (Vercel's production and branch URLs).
    const branch = fetchAction('[]', { host: 'branch.vercel.app', origin: 'https://branch.vercel.app' });
    expect((await refuseBadServerActionPost(branch, [...appOrigins, 'https://branch.vercel.app']))?.status).toBeUndefined();
  });

  it('compares with the first forwarded host, as Next does', async () => {
    expect(await statusOf(fetchAction('[]', { 'x-forwarded-host': `${host}, proxy.internal` }))).toBeUndefined();
  });

  it('refuses a body over the limit, declared or not', async () => {
    const big = 'a'.repeat(maxServerActionBodyBytes + 1);
    expect(await statusOf(fetchAction(big))).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    expect(await statusOf(fetchAction(stream))).toBe(413);
  });

  /** A script call exactly as today's React encodes it: a FormData body, or text for plain data. */
  async function reactCall(args: unknown[]) {
    const body = await encodeReply(args);
    return body instanceof FormData ? post(body, { 'next-action': '40abc' }) : fetchAction(body);
  }

  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };

  it.each([
    ['a sign-in, sign-up or sign-out form', () => [form({ returnTo: '/account' })]],
    ['the test-send form with its state (useActionState)', () => [{ submitted: { to: '$odd@example.com', usageType: '' }, result: undefined }, form({ to: '$odd@example.com', usageType: 'SignIn' })]],
    ['a state holding a refusal', () => [{ submitted: { to: 'a@example.com', usageType: 'Generic' }, result: { ok: false, status: 429, error: { code: 'rate_limited', message: '$5 off' }, retryAfterSeconds: 600 } }, form({ to: 'a@example.com' })]],
    ['plain values React writes as tokens', () => [undefined, Number.NaN, -0, Infinity, -Infinity, '$$', 'x']],
    ['no arguments', () => []],
  ])("accepts %s as today's React encodes it", async (_label, args) => {
    expect(await statusOf(await reactCall(args()))).toBeUndefined();
  });

  it('accepts what React sends for a form, and plain data around it', async () => {
    expect(await statusOf(fetchAction('[{"submitted":"$undefined","text":"$$5 off"},"$K1",null,1.5]'))).toBeUndefined();
    const form = '--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--xyz\r\nContent-Disposition: form-data; name="1_to"\r\n\r\n$weird@example.com\r\n--xyz--\r\n';
    expect(await statusOf(multipart(form, { 'next-action': '40abc' }))).toBeUndefined();
  });

  const formState = (fields: Record<string, string>) =>
    multipart(
      Object.entries(fields)
        .map(([name, value]) => `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') + '--xyz--\r\n',
    );

  it('accepts a form with its state posted without JavaScript', async () => {
    const fields = { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60e5","bound":"$@1"}', '$ACTION_1:1': '[{"submitted":{"to":"a@example.com"}}]', to: 'a@example.com' };
    expect(await statusOf(formState(fields))).toBeUndefined();
  });

  it.each([
    ['state that is not in the form', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60e5","bound":"$@1"}' }],
    ['state with a reference React cannot resolve', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60e5","bound":"$@1"}', '$ACTION_1:1': '["$Q9"]' }],
    ['a bound pointer of another kind', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"60e5","bound":"$Q1"}', '$ACTION_1:1': '[]' }],
    ['metadata that is not JSON', { $ACTION_REF_1: '', '$ACTION_1:0': 'garbage' }],
    ['no metadata', { $ACTION_REF_1: '' }],
  ])('refuses a form posted without JavaScript with %s', async (_label, fields) => {
    expect(await statusOf(formState(fields))).toBe(400);
  });

  it.each([
    ['a body that is not JSON', fetchAction('{{{')],
    ['arguments that are not an array', fetchAction('"text"')],
    ['null arguments', fetchAction('null')],
    ['a reference to a part the body does not have', fetchAction('["$Q9"]')],
    ['a nested reference to a server function', fetchAction('[{"a":["$F1"]}]')],
    ['a malformed big integer', fetchAction('["$nxyz"]')],
    ['a script call without its arguments field', multipart(goodMultipart, { 'next-action': '40abc' })],
    ['deeply nested arguments', fetchAction(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    ['an empty body', fetchAction('')],
    ['bytes that are not UTF-8', fetchAction(new Uint8Array([0x5b, 0xff, 0x5d]))],
    ['a broken multipart body', multipart('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n')],
    ['a multipart body without its boundary', multipart(goodMultipart, { 'content-type': 'multipart/form-data' })],
  ])('refuses %s with 400', async (_label, request) => {
    expect(await statusOf(request)).toBe(400);
  });
});
