import type { GetAccountResponse, GetEmailIdentityResponse } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';

import { messageText } from '../i18n/message';

import type { AwsSesConnectorConfig } from './connector-config';
import { evaluateReadiness, senderAddressOf, type Answer, type ReadinessAnswers } from './readiness';

// Shapes as SESv2 answers them (GetAccount, GetEmailIdentity, ... in @aws-sdk/client-sesv2).
const productionAccount: GetAccountResponse = {
  DedicatedIpAutoWarmupEnabled: true,
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 1_203 },
  SendingEnabled: true,
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};
const verifiedDomain: GetEmailIdentityResponse = {
  IdentityType: 'DOMAIN',
  FeedbackForwardingStatus: true,
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', SigningAttributesOrigin: 'AWS_SES', Tokens: ['a', 'b', 'c'] },
  MailFromAttributes: { MailFromDomain: 'mail.example.com', MailFromDomainStatus: 'SUCCESS', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
  Policies: {},
  Tags: [],
};
const awsError = (name: string, message = name): Answer<never> => ({ ok: false, error: Object.assign(new Error(message), { name, $metadata: { httpStatusCode: name === 'NotFoundException' ? 404 : 403 } }) });
const ok = <T>(value: T): Answer<T> => ({ ok: true, value });

const connector: AwsSesConnectorConfig = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'eu-west-1',
  emailAddress: 'Example <no-reply@example.com>',
  templates: [],
};
const healthy: ReadinessAnswers = { account: ok(productionAccount), addressIdentity: awsError('NotFoundException'), domainIdentity: ok(verifiedDomain) };

const verdicts = (config: AwsSesConnectorConfig, answers: ReadinessAnswers, topics?: string[]) =>
  Object.fromEntries(evaluateReadiness(config, answers, { eventTopicArns: topics }).checks.map((check) => [check.id, check.verdict]));
const check = (config: AwsSesConnectorConfig, answers: ReadinessAnswers, id: string) => evaluateReadiness(config, answers).checks.find((item) => item.id === id);

describe('senderAddressOf', () => {
  it('reads the bare address of "Name <address>"', () => {
    expect(senderAddressOf('Logto <No-Reply@Example.com>')).toBe('no-reply@example.com');
    expect(senderAddressOf('ops@example.org')).toBe('ops@example.org');
    expect(senderAddressOf('not an address')).toBeUndefined();
  });
});

describe('evaluateReadiness', () => {
  it('passes everything for a production account sending from a verified domain with DKIM', () => {
    const readiness = evaluateReadiness(connector, healthy);
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.every((item) => item.verdict === 'pass')).toBe(true);
    expect(check(connector, healthy, 'account-quota')?.detail).toContain('1,203 of 50,000');
    expect(check(connector, healthy, 'sender-identity')?.detail).toContain('the domain example.com');
  });

  it('notes the sandbox and what it means for recipients, without making the account unready', () => {
    const answers = { ...healthy, account: ok({ ...productionAccount, ProductionAccessEnabled: false }) };
    const access = check(connector, answers, 'account-access');
    expect(access?.verdict).toBe('warn');
    expect(access?.detail).toMatch(/only reaches verified identities/);
    expect(evaluateReadiness(connector, answers).ready).toBe(true);
  });

  it('fails paused sending, a shut-down account and a used-up quota, each with a fix', () => {
    const answers = { ...healthy, account: ok({ ...productionAccount, SendingEnabled: false, EnforcementStatus: 'SHUTDOWN', SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 200 } }) };
    expect(verdicts(connector, answers)).toMatchObject({ 'account-sending': 'fail', 'account-enforcement': 'fail', 'account-quota': 'fail' });
    expect(check(connector, answers, 'account-sending')?.fix).toContain('put-account-sending-attributes');
    expect(evaluateReadiness(connector, answers).ready).toBe(false);
  });

  it('warns on probation and near the quota', () => {
    const answers = { ...healthy, account: ok({ ...productionAccount, EnforcementStatus: 'PROBATION', SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 170 } }) };
    expect(verdicts(connector, answers)).toMatchObject({ 'account-enforcement': 'warn', 'account-quota': 'warn' });
  });

  it('says "not checked" with the IAM action when the key may not call GetAccount', () => {
    const answers = { ...healthy, account: awsError('AccessDeniedException', 'User is not authorized to perform: ses:GetAccount') };
    const access = check(connector, answers, 'account-access');
    expect(access).toMatchObject({ verdict: 'not-checked', permission: 'ses:GetAccount' });
    expect(evaluateReadiness(connector, answers).ready).toBe(false);
  });

  it('fails a sender whose address and domain are not identities in the region, naming the region', () => {
    const answers = { ...healthy, domainIdentity: awsError('NotFoundException') };
    const identity = check(connector, answers, 'sender-identity');
    expect(identity?.verdict).toBe('fail');
    expect(identity?.fix).toContain('eu-west-1');
  });

  it('prefers the address identity, and fails one that is not verified yet', () => {
    const pending: GetEmailIdentityResponse = { IdentityType: 'EMAIL_ADDRESS', VerifiedForSendingStatus: false, VerificationStatus: 'PENDING', DkimAttributes: { SigningEnabled: false, Status: 'NOT_STARTED' } };
    const answers = { ...healthy, addressIdentity: ok(pending) };
    expect(verdicts(connector, answers)).toMatchObject({ 'sender-identity': 'fail', 'sender-dkim': 'warn' });
  });

  it('warns about pending DKIM and fails a MAIL FROM domain that rejects mail', () => {
    const identity: GetEmailIdentityResponse = { ...verifiedDomain, DkimAttributes: { SigningEnabled: false, Status: 'PENDING' }, MailFromAttributes: { MailFromDomain: 'bounce.example.com', MailFromDomainStatus: 'FAILED', BehaviorOnMxFailure: 'REJECT_MESSAGE' } };
    expect(verdicts(connector, { ...healthy, domainIdentity: ok(identity) })).toMatchObject({ 'sender-dkim': 'warn', 'sender-mail-from': 'fail' });
  });

  it('checks that the identity ARNs name the sending identity in the configured region', () => {
    const good = { ...connector, emailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com' };
    expect(verdicts(good, healthy)['sender-arns']).toBe('pass');
    const wrongRegion = { ...connector, emailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' };
    expect(check(wrongRegion, healthy, 'sender-arns')?.detail).toContain('region us-east-1');
    const wrongIdentity = { ...connector, feedbackForwardingEmailAddress: 'bounces@example.org', feedbackForwardingEmailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com' };
    expect(verdicts(wrongIdentity, healthy)['sender-arns']).toBe('fail');
  });

  it('fails a configuration set that does not exist or publishes nowhere, and passes one with an SNS destination', () => {
    const withSet = { ...connector, configurationSetName: 'sign-in' };
    expect(verdicts(withSet, { ...healthy, configurationSet: awsError('NotFoundException') })['configuration-set']).toBe('fail');
    const exists = { ...healthy, configurationSet: ok({ ConfigurationSetName: 'sign-in', SendingOptions: { SendingEnabled: true } }) };
    expect(verdicts(withSet, { ...exists, eventDestinations: ok({ EventDestinations: [] }) })['configuration-set-events']).toBe('fail');
    const topic = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
    const sns = ok({ EventDestinations: [{ Name: 'to-app', Enabled: true, MatchingEventTypes: ['SEND' as const, 'DELIVERY' as const, 'BOUNCE' as const], SnsDestination: { TopicArn: topic } }] });
    expect(verdicts(withSet, { ...exists, eventDestinations: sns }, [topic])['configuration-set-events']).toBe('pass');
    expect(verdicts(withSet, { ...exists, eventDestinations: sns }, ['arn:aws:sns:eu-west-1:123456789012:other'])['configuration-set-events']).toBe('warn');
    expect(check(withSet, { ...exists, eventDestinations: awsError('AccessDeniedException') }, 'configuration-set-events')?.permission).toBe('ses:GetConfigurationSetEventDestinations');
  });

  it('never quotes the access key or secret', () => {
    const answers = { ...healthy, account: awsError('UnrecognizedClientException', `The security token AKIAIOSFODNN7EXAMPLE ${connector.accessKeySecret} is invalid.`) };
    const text = JSON.stringify(evaluateReadiness(connector, answers));
    expect(text).not.toContain(connector.accessKeyId);
    expect(text).not.toContain(connector.accessKeySecret);
  });
});

describe('the verdicts in the catalogues', () => {
  const withSet = { ...connector, configurationSetName: 'sign-in', emailAddressIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.org' };
  const scenarios: [AwsSesConnectorConfig, ReadinessAnswers][] = [
    [connector, healthy],
    [{ ...connector, emailAddress: undefined }, { account: ok({ ...productionAccount, ProductionAccessEnabled: false, SendingEnabled: false, EnforcementStatus: 'SHUTDOWN', SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 200 } }) }],
    [{ ...connector, emailAddress: 'not an address' }, { account: ok({ ...productionAccount, EnforcementStatus: 'PROBATION', SendQuota: { Max24HourSend: 200, SentLast24Hours: 170 } }) }],
    [connector, { account: awsError('AccessDeniedException'), addressIdentity: awsError('ThrottlingException'), domainIdentity: awsError('NotFoundException') }],
    [connector, { ...healthy, domainIdentity: awsError('NotFoundException') }],
    [withSet, { ...healthy, addressIdentity: ok({ VerifiedForSendingStatus: false, VerificationStatus: 'PENDING', DkimAttributes: { SigningEnabled: false, Status: 'PENDING' }, MailFromAttributes: { MailFromDomain: 'bounce.example.com', MailFromDomainStatus: 'FAILED', BehaviorOnMxFailure: 'REJECT_MESSAGE' } }), configurationSet: awsError('NotFoundException') }],
    [withSet, { ...healthy, domainIdentity: ok({ ...verifiedDomain, DkimAttributes: { SigningEnabled: false, Status: 'SUCCESS' } }), configurationSet: ok({ SendingOptions: { SendingEnabled: false } }), eventDestinations: ok({ EventDestinations: [] }) }],
    [withSet, { ...healthy, configurationSet: ok({}), eventDestinations: ok({ EventDestinations: [{ Name: 'cw', Enabled: true, MatchingEventTypes: ['SEND' as const] }] }) }],
    [withSet, { ...healthy, configurationSet: ok({}), eventDestinations: awsError('AccessDeniedException') }],
  ];
  const checks = scenarios.flatMap(([config, answers]) => evaluateReadiness(config, answers, { eventTopicArns: ['arn:aws:sns:eu-west-1:123456789012:other'] }).checks);

  it('gives the English texts from the English catalogue', () => {
    for (const item of checks) {
      expect(messageText('en', item.text.detail)).toBe(item.detail);
      expect(item.text.fix && messageText('en', item.text.fix)).toBe(item.fix);
    }
  });

  it('has every verdict in Chinese, its values filled in', () => {
    // Pass, note, fail and not checked, of every group: the scenarios reach each kind of sentence.
    expect(new Set(checks.map((item) => item.verdict))).toEqual(new Set(['pass', 'warn', 'fail', 'not-checked']));
    for (const item of checks) {
      for (const text of [item.text.detail, item.text.fix].filter((value) => value !== undefined)) {
        const chinese = messageText('zh-CN', text);
        expect(chinese, item.id).toMatch(/[\u4e00-\u9fff]/);
        expect(chinese, item.id).not.toMatch(/[{}]|Readiness\./);
      }
    }
  });
});
