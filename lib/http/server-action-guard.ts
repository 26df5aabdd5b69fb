import { failure } from '@/lib/failure/failure';
import { failurePageResponse } from '@/lib/failure/failure-page';
import { localeOfHeaders } from '@/lib/i18n/locales';

/**
 * Server actions are POSTs to a page, decoded by Next and React before any code of ours runs.
 * Next answers 500 when such a post comes from another site (its CSRF check), cannot be decoded
 * (broken multipart, a body that is not JSON, arguments React cannot resolve) or is over its
 * 1 MB limit. The proxy runs this check first and answers those with a 4xx page instead: bad
 * input is refused, it does not look like a crash. Next's own checks still apply after it.
 *
 * The decoding checks follow React's reply encoding, so each encoding they accept is pinned by a
 * test that posts what today's React writes: server-action-guard.test.ts encodes the app's
 * script calls with React's own encoder, and the e2e journeys post the forms without JavaScript
 * (e2e/no-javascript.spec.ts, the connector's no-JS test send). A React upgrade that changes the
 * format fails those tests rather than refusing real forms.
 */

/** Next's default `serverActions.bodySizeLimit`. */
export const maxServerActionBodyBytes = 1024 * 1024;

/** The refusals, as failures: their page is in the language of the request (`Failures.<code>`). */
export type ServerActionRefusal = 'cross_site_form' | 'form_too_large' | 'form_unreadable';

const refusals: Record<ServerActionRefusal, { status: number; title: string; message: string }> = {
  cross_site_form: {
    status: 403,
    title: 'This form was sent from another site',
    message: 'For your safety, the app only accepts its forms from its own pages. Go back to the app and try again.',
  },
  form_too_large: { status: 413, title: 'This form is too large', message: 'The form sent more data than any form of this app needs, so it was refused.' },
  form_unreadable: {
    status: 400,
    title: 'This form could not be read',
    message: 'The form data was damaged on the way, so nothing was done. Go back to the app and try again.',
  },
};

function refusal(request: Request, code: ServerActionRefusal): Response {
  const { status, title, message } = refusals[code];
  return failurePageResponse(failure(status, code, message, { title }), {
    locale: localeOfHeaders(request.headers),
    links: [{ href: '/', label: 'backToApp', primary: true }],
  });
}

/**
 * `appOrigins`: the origins of the configured base URLs (LOGTO_BASE_URL, and on Vercel the other
 * URLs people reach it at); undefined while the app is not configured.
 */
export async function refuseBadServerActionPost(request: Request, appOrigins?: readonly string[]): Promise<Response | undefined> {
  if (request.method !== 'POST') return undefined;
  const actionId = request.headers.get('next-action');
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = contentType.startsWith('multipart/form-data');
  // Only these reach Next's action decoding; any other POST renders the page as usual.
  if (actionId === null && !multipart) return undefined;

  if (!fromThisHost(request.headers) || !fromTheApp(request.headers, appOrigins)) {
    return refusal(request, 'cross_site_form');
  }

  const declared = Number(request.headers.get('content-length') ?? 0);
  const body = declared > maxServerActionBodyBytes ? undefined : await request.clone().arrayBuffer();
  if (body === undefined || body.byteLength > maxServerActionBodyBytes) {
    return refusal(request, 'form_too_large');
  }
  if (!(await decodable(body, contentType, { multipart, fetchAction: actionId !== null }))) {
    return refusal(request, 'form_unreadable');
  }
  return undefined;
}

/**
 * Next's CSRF rule: the Origin's host must be the forwarded host, else the Host. A request
 * without Origin (not from a browser) is let through, as Next does.
 */
function fromThisHost(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const originHost = origin === 'null' ? 'null' : URL.canParse(origin) ? new URL(origin).host : undefined;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  return originHost !== undefined && originHost === host;
}

/**
 * The Origin, when there is one, must be the app's own as configured: the Host and
 * X-Forwarded-Host that Next's rule compares it with are whatever the client or a proxy in front
 * sent, so a matching pair proves nothing.
 */
function fromTheApp(headers: Headers, appOrigins: readonly string[] | undefined): boolean {
  const origin = headers.get('origin');
  return origin === null || appOrigins === undefined || appOrigins.includes(origin);
}

/**
 * A multipart body must parse as a form. A call made by script (with the Next-Action header)
 * carries its arguments in React's encoding: a JSON array, the whole body or the form field "0".
 * A form posted without JavaScript may carry arguments too (see `boundArgumentsResolvable`).
 */
async function decodable(body: ArrayBuffer, contentType: string, { multipart, fetchAction }: { multipart: boolean; fetchAction: boolean }) {
  try {
    if (!multipart) return fetchAction && isPlainReply(new TextDecoder('utf-8', { fatal: true }).decode(body));
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    if (!fetchAction) return boundArgumentsResolvable(form);
    const root = form.get('0');
    return typeof root === 'string' && isPlainReply(root);
  } catch {
    return false;
  }
}

/**
 * A form posted without JavaScript names its action in `$ACTION_REF_<n>`, with
 * `$ACTION_<n>:0` = `{"id": …, "bound": "$@<hex>"}` pointing at the field that holds the
 * arguments bound to it (the form state of `useActionState`). Each pointer must lead to a field
 * that is there and holds plain arguments.
 */
function boundArgumentsResolvable(form: FormData): boolean {
  for (const key of form.keys()) {
    const reference = /^\$ACTION_REF_(.*)$/.exec(key);
    if (!reference) continue;
    const prefix = `$ACTION_${reference[1]}:`;
    const metadata: unknown = JSON.parse(String(form.get(`${prefix}0`)));
    if (typeof metadata !== 'object' || metadata === null || typeof (metadata as { id?: unknown }).id !== 'string') return false;
    const { bound } = metadata as { bound?: unknown };
    if (bound === null || bound === undefined) continue;
    const part = typeof bound === 'string' ? /^\$@([0-9a-f]+)$/.exec(bound) : null;
    const argumentsField = part ? form.get(`${prefix}${parseInt(part[1] ?? '', 16)}`) : null;
    if (typeof argumentsField !== 'string' || !isPlainReply(argumentsField)) return false;
  }
  return true;
}

/**
 * In React's encoding, a string starting with "$" is a reference to another part of the body or
 * a special value. The app's actions only ever receive a form and plain data, so only escaped
 * text ("$$…"), form references ("$K…") and the special values React writes for plain data
 * (undefined, NaN, ±Infinity, -0, temporary references) are accepted. Anything else, such as a
 * reference to a part the request does not contain, would make React's decoder throw.
 */
const plainReplyToken = /^\$(\$|K[0-9a-f]*$|undefined$|NaN$|Infinity$|-Infinity$|-0$|T$)/;

/** Far deeper than any form state; React's decoder recurses, so a deeper body could overflow it. */
const maxReplyDepth = 32;

function isPlainReply(json: string): boolean {
  const root: unknown = JSON.parse(json);
  if (!Array.isArray(root)) return false;
  // Iterative, so that checking a deep body cannot exhaust the stack either.
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string' && value.startsWith('$') && !plainReplyToken.test(value)) return false;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxReplyDepth) return false;
    for (const item of Object.values(value)) pending.push({ value: item, depth: depth + 1 });
  }
  return true;
}
