import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { deliverWithRetry, snsDeliveryPolicy, type DeliveryPolicy } from './sns-delivery';
import { localEventsTopicArn } from './stand-in-state';

/**
 * The local stand-in for the SNS topic an SES configuration set publishes to: it signs
 * messages as SNS does (SignatureVersion 2, RSA-SHA256 over the canonical fields) with a
 * certificate made for this run, which the app trusts only when told to
 * (SES_EVENTS_LOCAL_SIGNER, refused by a production deployment).
 */

export type SigningIdentity = { certPem: string; keyPem: string };

/** A self-signed certificate for this run only: its key never leaves the process. */
export function makeSigningIdentity(): SigningIdentity {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-sns-'));
  try {
    const certFile = path.join(dir, 'sns.crt');
    const keyFile = path.join(dir, 'sns.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=local-sns-stand-in', '-keyout', keyFile, '-out', certFile], {
      stdio: 'ignore',
    });
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type SnsEnvelope = Record<string, string>;

const notificationKeys = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const subscriptionKeys = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

/** The string SNS signs: each present key and its value, one per line, in this order. */
export function stringToSign(envelope: SnsEnvelope): string {
  const keys = envelope.Type === 'Notification' ? notificationKeys : subscriptionKeys;
  return keys
    .filter((key) => key in envelope)
    .map((key) => `${key}\n${envelope[key]}\n`)
    .join('');
}

export function sign(envelope: Omit<SnsEnvelope, 'Signature'>, keyPem: string): SnsEnvelope {
  const signer = createSign('RSA-SHA256');
  signer.update(stringToSign(envelope));
  return { ...envelope, Signature: signer.sign(keyPem, 'base64') };
}

export type Publisher = {
  /** Posts an SES event (the JSON SES publishes) to the app as a signed SNS notification. */
  publish(sesEvent: unknown): Promise<void>;
  /** The subscription was confirmed by the app (it fetched SubscribeURL). */
  confirm(token: string): boolean;
  readonly confirmed: boolean;
};

export function createPublisher({
  origin,
  eventsUrl,
  identity,
  topicArn = localEventsTopicArn,
  delivery = snsDeliveryPolicy,
}: {
  origin: string;
  eventsUrl?: string;
  identity: SigningIdentity;
  topicArn?: string;
  /** Tests shorten the pauses between attempts (sns-delivery.ts). */
  delivery?: DeliveryPolicy;
}): Publisher {
  const certUrl = `${origin}/_stand-in/sns-signing-cert.pem`;
  const token = randomUUID();
  let confirmed = false;

  const post = async (envelope: SnsEnvelope) => {
    if (!eventsUrl) return;
    const what = `an SNS ${envelope.Type} to ${eventsUrl}`;
    // The same signed message every time, as SNS retries: the app drops a MessageId it has seen.
    const outcome = await deliverWithRetry(
      (signal) =>
        fetch(eventsUrl, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': envelope.Type ?? '', 'x-amz-sns-topic-arn': topicArn },
          body: JSON.stringify(envelope),
          signal,
        }),
      {
        policy: delivery,
        // A confirmation is done once the app fetched SubscribeURL, even if its answer never came.
        settled: () => envelope.Type === 'SubscriptionConfirmation' && confirmed,
        onRetry: (reason) => console.warn(`[inbox] Could not post ${what} (${reason}); trying again for up to ${delivery.totalMs / 1000} s.`),
      },
    );
    if (!outcome.ok) console.warn(`[inbox] Could not post ${what} (${outcome.reason}).`);
  };

  const base = () => ({ MessageId: randomUUID(), TopicArn: topicArn, Timestamp: new Date().toISOString(), SignatureVersion: '2', SigningCertURL: certUrl });

  return {
    get confirmed() {
      return confirmed;
    },
    confirm(candidate) {
      if (candidate !== token) return false;
      confirmed = true;
      return true;
    },
    async publish(sesEvent) {
      if (!eventsUrl) return;
      // As SNS does: nothing reaches an endpoint before it confirmed its subscription.
      if (!confirmed) {
        await post(
          sign(
            {
              ...base(),
              Type: 'SubscriptionConfirmation',
              Token: token,
              Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
              SubscribeURL: `${origin}/_stand-in/confirm-subscription?TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
            },
            identity.keyPem,
          ),
        );
        if (!confirmed) return;
      }
      await post(
        sign(
          {
            ...base(),
            Type: 'Notification',
            Message: JSON.stringify(sesEvent),
            UnsubscribeURL: `${origin}/_stand-in/unsubscribe?TopicArn=${encodeURIComponent(topicArn)}`,
          },
          identity.keyPem,
        ),
      );
    },
  };
}

export type SentMail = { messageId: string; source: string; to: string[]; subject: string; configurationSetName?: string };

const mailOf = (mail: SentMail, timestamp: string) => ({
  timestamp,
  messageId: mail.messageId,
  source: mail.source,
  sourceArn: `arn:aws:ses:us-east-1:000000000000:identity/${mail.source.split('@').pop()}`,
  sendingAccountId: '000000000000',
  destination: mail.to,
  headersTruncated: false,
  commonHeaders: { from: [mail.source], to: mail.to, subject: mail.subject },
  tags: mail.configurationSetName ? { 'ses:configuration-set': [mail.configurationSetName] } : {},
});

/** The events SES publishes for one mail to one recipient, in order, shaped as SES writes them. */
export function sesEventsFor(mail: SentMail, recipient: string, outcome: 'delivered' | 'bounced' | 'suppressed' | 'complained', now = new Date()): unknown[] {
  const at = now.toISOString();
  const send = { eventType: 'Send', mail: mailOf(mail, at), send: {} };
  const delivery = {
    eventType: 'Delivery',
    mail: mailOf(mail, at),
    delivery: { timestamp: at, processingTimeMillis: 120, recipients: [recipient], smtpResponse: '250 2.0.0 OK (local stand-in)', reportingMTA: 'local-ses.stand-in' },
  };
  if (outcome === 'delivered') return [send, delivery];
  if (outcome === 'complained') {
    return [send, delivery, { eventType: 'Complaint', mail: mailOf(mail, at), complaint: { timestamp: at, feedbackId: randomUUID(), complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: recipient }] } }];
  }
  const suppressed = outcome === 'suppressed';
  return [
    send,
    {
      eventType: 'Bounce',
      mail: mailOf(mail, at),
      bounce: {
        timestamp: at,
        feedbackId: randomUUID(),
        bounceType: 'Permanent',
        bounceSubType: suppressed ? 'OnAccountSuppressionList' : 'General',
        bouncedRecipients: [
          {
            emailAddress: recipient,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: suppressed ? 'Amazon SES did not send the message to this address because it is on the suppression list for your account.' : 'smtp; 550 5.1.1 user unknown (local stand-in)',
          },
        ],
        reportingMTA: 'dns; local-ses.stand-in',
      },
    },
  ];
}
