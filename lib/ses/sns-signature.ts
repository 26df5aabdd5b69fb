import { createVerify } from 'node:crypto';

/**
 * SNS's message signatures, checked by this one small module instead of a validator package:
 * sns-validator (unmaintained) and sns-payload-validator both fetch with no timeout, accept any
 * region's host whatever the topic, and always accept SignatureVersion 1; the second caches any
 * answer, a 404 page included (docs/ARCHITECTURE.md). The rules here, all checked before anything
 * is fetched, are SNS's own: the certificate is `SimpleNotificationService-<32 hex>.pem` on the
 * SNS host of the topic's region, and the signed string is the message's fields in a fixed order.
 */

/** Older messages are refused: a captured message cannot be replayed for long. */
export const maxMessageAgeMs = 60 * 60 * 1000;
/** SNS's clock and ours may differ a little; a message from further ahead is not SNS's. */
export const maxClockSkewMs = 5 * 60 * 1000;
export const certificateFetchTimeoutMs = 3_000;
/** SNS signs with one certificate per region at a time: a handful covers a rotation. */
export const maxCachedCertificates = 16;
/** Fetches of certificates at once; more wait for nobody: the message is refused (SNS retries). */
export const maxCertificateFetches = 4;
/** A certificate larger than this is not one. */
export const maxCertificateBytes = 16 * 1024;
/** How long a failed fetch is remembered, so that a forged URL costs one fetch a minute. */
export const failedFetchMemoryMs = 60_000;

const arnPattern = /^arn:(aws|aws-cn|aws-us-gov):sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** The region and partition of a topic ARN, or undefined. */
export function topicRegion(topicArn: string): { region: string; china: boolean } | undefined {
  const match = arnPattern.exec(topicArn);
  return match ? { region: match[2]!, china: match[1] === 'aws-cn' } : undefined;
}

/** `https://sns.<region>.amazonaws.com[.cn]` for the topic's region: the only host its messages may name. */
export function snsOriginFor(topicArn: string): string | undefined {
  const topic = topicRegion(topicArn);
  return topic && `https://sns.${topic.region}.amazonaws.com${topic.china ? '.cn' : ''}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why SigningCertURL is not SNS's certificate for this topic, or undefined when it is. */
export function certificateUrlProblem(url: string, topicArn: string): string | undefined {
  const origin = snsOriginFor(topicArn);
  if (origin === undefined) return 'TopicArn is not an SNS topic ARN.';
  // The whole string, so that no userinfo, port, query, fragment or other path gets through.
  if (!new RegExp(`^${escape(origin)}/SimpleNotificationService-[0-9a-f]{32}\\.pem$`).test(url)) {
    return `SigningCertURL must be ${origin}/SimpleNotificationService-<32 hex digits>.pem (the SNS host of the topic's region), with no query, fragment or user.`;
  }
  return undefined;
}

/** SubscribeURL must be on the SNS host of the topic's region, without userinfo, port or fragment. */
export function subscribeUrlAllowed(url: string, topicArn: string): boolean {
  const origin = snsOriginFor(topicArn);
  if (!origin || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.origin === origin && url.startsWith(`${origin}/`) && parsed.username === '' && parsed.password === '' && parsed.hash === '';
}

export type SignedMessage = { Type: string; SignatureVersion: string; Signature: string } & Record<string, unknown>;

const signedKeys: Record<string, string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** The string SNS signs: each present key and its value, one per line, in SNS's order. */
export function snsStringToSign(message: Record<string, unknown>): string {
  return (signedKeys[String(message.Type)] ?? [])
    .filter((key) => typeof message[key] === 'string')
    .map((key) => `${key}\n${message[key] as string}\n`)
    .join('');
}

/** SHA-1 for SignatureVersion 1, SHA-256 for 2. Never throws. */
export function signatureVerifies(message: SignedMessage, certificatePem: string): boolean {
  try {
    const verifier = createVerify(message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    verifier.update(snsStringToSign(message));
    return verifier.verify(certificatePem, message.Signature, 'base64');
  } catch {
    return false;
  }
}

/** Why the Timestamp is not of a recent message, or undefined when it is. */
export function timestampProblem(timestamp: string, now: number): string | undefined {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return 'Timestamp is not a date.';
  if (now - at > maxMessageAgeMs) return 'The message is more than an hour old: it is refused as a possible replay.';
  if (at - now > maxClockSkewMs) return 'The message is dated in the future.';
  return undefined;
}

export type CertificateAnswer = { ok: true; pem: string } | { ok: false; busy: boolean };

export type CertificateCache = { get(url: string): Promise<CertificateAnswer>; forget(url: string): void; readonly size: number };

/**
 * Certificates by URL, at most `max` (the oldest used goes first), each fetched once however many
 * messages ask at the same time; a failed fetch is remembered for a minute, and no more than
 * `maxCertificateFetches` run at once.
 */
export function createCertificateCache({
  fetchText = fetchCertificate,
  max = maxCachedCertificates,
  now = Date.now,
}: { fetchText?: (url: string) => Promise<string>; max?: number; now?: () => number } = {}): CertificateCache {
  const entries = new Map<string, { answer: Promise<string | undefined>; failedAt?: number }>();
  let fetching = 0;
  return {
    get size() {
      return entries.size;
    },
    forget(url) {
      entries.delete(url);
    },
    async get(url) {
      const known = entries.get(url);
      if (known && !(known.failedAt !== undefined && now() - known.failedAt > failedFetchMemoryMs)) {
        // Most recently used last, so that the first entry is the one to drop.
        entries.delete(url);
        entries.set(url, known);
        const pem = await known.answer;
        return pem === undefined ? { ok: false, busy: false } : { ok: true, pem };
      }
      if (fetching >= maxCertificateFetches) return { ok: false, busy: true };
      fetching += 1;
      const entry: { answer: Promise<string | undefined>; failedAt?: number } = {
        answer: fetchText(url).then(
          (pem) => pem,
          () => {
            entry.failedAt = now();
            return undefined;
          },
        ),
      };
      entries.delete(url);
      entries.set(url, entry);
      while (entries.size > max) entries.delete(entries.keys().next().value!);
      const pem = await entry.answer.finally(() => (fetching -= 1));
      return pem === undefined ? { ok: false, busy: false } : { ok: true, pem };
    },
  };
}

/** A PEM certificate, fetched within the timeout, without redirects, of a certificate's size. */
export async function fetchCertificate(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(certificateFetchTimeoutMs), redirect: 'error' });
  if (!response.ok) throw new Error(`certificate answered ${response.status}`);
  if (Number(response.headers.get('content-length')) > maxCertificateBytes) throw new Error('certificate too large');
  const text = await response.text();
  if (text.length > maxCertificateBytes || !text.includes('-----BEGIN ')) throw new Error('not a PEM certificate');
  return text;
}
