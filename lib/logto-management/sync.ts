import { createHash } from 'node:crypto';

import type { AppConfig } from '@/lib/config';
import { describeTemplateProblems, loadEmailTemplates, type AwsSesConnectorConfig, type LocalizedTemplate } from '@/lib/ses';

import { connectorDifferenceSaids, enableManagementApi, managementAccessProblem, type Outcome } from './checks';
import { ask, managementClientFor, type ManagementClient } from './client';
import { english, list, said, type Said } from './doctor-text';
import { forgetTenantTemplates, tenantTemplateOf, type TenantTemplate } from './tenant-templates';

export type { TenantTemplate };

/**
 * `npm run logto -- sync` and /setup's "Apply to Logto": make the tenant's AWS SES connector
 * equal AWS_SES_CONFIG and its email templates equal email-templates/, after showing the
 * difference (`planSync`, pure). `pullConnector` is the other direction, for `pull`.
 * Secrets are compared, never shown: a difference in one reads "differs".
 */

const factoryId = 'aws-ses-mail';

export type TenantConnector = { id: string; connectorId: string; type: string; config: Record<string, unknown> };

export type SyncPlan = {
  connector:
    | { action: 'none'; id: string }
    | { action: 'update'; id: string; changes: string[]; said: Said[] }
    | { action: 'create'; changes: string[]; said: Said[] }
    /** Another kind of email connector is there: creating ours removes it (Logto keeps one). */
    | { action: 'replace'; replaces: { id: string; connectorId: string }; changes: string[]; said: Said[] };
  /** Added or changed templates, for one PUT. */
  put: LocalizedTemplate[];
  /** The tenant's templates the folder no longer has, deleted by id. */
  remove: { id: string; languageTag: string; templateType: string }[];
  /** One line per change, secrets masked; empty when the tenant already equals the repository. */
  changes: string[];
  /** The same lines as catalogue messages, for /setup in the page's language (`changes` is their English). */
  said: Said[];
};

const key = (languageTag: string, templateType: string) => `${languageTag}/${templateType}`;

/** What sync writes as a template's `details`; Logto's PUT replaces the stored details whole (fixture 42). */
const detailsOf = ({ subject, content }: LocalizedTemplate): Record<string, unknown> => ({ subject, content, contentType: 'text/html' });

/**
 * Every field of `details` Logto stores (subject, content, contentType, replyTo, sendFrom…) that
 * differs: one the tenant has and the repository does not is removed by the PUT.
 */
function detailChanges(stored: Record<string, unknown>, wanted: Record<string, unknown>): Said[] {
  const changed = Object.keys(wanted).filter((field) => JSON.stringify(stored[field]) !== JSON.stringify(wanted[field]));
  const extra = Object.keys(stored).filter((field) => !(field in wanted) && stored[field] !== undefined);
  return [
    ...(changed.length > 0 ? [said('changeFields', { fields: list(changed, 'and') })] : []),
    ...(extra.length > 0 ? [said('removeFields', { fields: list(extra, 'and') })] : []),
  ];
}

/** What sync would change, from what the tenant has to what the repository holds. Pure. */
export function planSync(tenant: { connectors: TenantConnector[]; templates: TenantTemplate[] }, desired: { connector: AwsSesConnectorConfig; templates: LocalizedTemplate[] }): SyncPlan {
  const email = tenant.connectors.filter((connector) => connector.type === 'Email');
  const ours = email.find((connector) => connector.connectorId === factoryId);
  let connector: SyncPlan['connector'];
  if (ours) {
    const changes = connectorDifferenceSaids(ours.config, desired.connector).map((change) => said('connectorChange', { change }));
    connector = changes.length === 0 ? { action: 'none', id: ours.id } : { action: 'update', id: ours.id, changes: changes.map(english), said: changes };
  } else {
    const other = email[0];
    const change = other ? said('connectorReplace', { connectorId: other.connectorId }) : said('connectorCreate');
    connector = other
      ? { action: 'replace', replaces: { id: other.id, connectorId: other.connectorId }, changes: [english(change)], said: [change] }
      : { action: 'create', changes: [english(change)], said: [change] };
  }

  const theirs = new Map(tenant.templates.map((template) => [key(template.languageTag, template.templateType), template]));
  const put: LocalizedTemplate[] = [];
  const templateChanges: Said[] = [];
  for (const template of desired.templates) {
    const name = key(template.languageTag, template.templateType);
    const existing = theirs.get(name);
    if (!existing) {
      put.push(template);
      templateChanges.push(said('templateAdd', { name }));
      continue;
    }
    const changes = detailChanges(existing.details, detailsOf(template));
    if (changes.length > 0) {
      put.push(template);
      templateChanges.push(said('templateChange', { name, changes: list(changes) }));
    }
  }
  const wanted = new Set(desired.templates.map((template) => key(template.languageTag, template.templateType)));
  const remove = tenant.templates
    .filter((template) => !wanted.has(key(template.languageTag, template.templateType)))
    .map(({ id, languageTag, templateType }) => ({ id, languageTag, templateType }));
  templateChanges.push(...remove.map((template) => said('templateRemove', { name: key(template.languageTag, template.templateType) })));

  const all = [...(connector.action === 'none' ? [] : connector.said), ...templateChanges];
  return { connector, put, remove, changes: all.map(english), said: all };
}

/**
 * A digest of everything a plan would do, for /setup's form to carry: the page shows one plan
 * and Apply must carry out that one, not whatever the tenant holds by the time it is posted.
 */
export function planDigest(plan: SyncPlan): string {
  const put = plan.put.map((template) => [key(template.languageTag, template.templateType), template.subject, template.content]);
  return createHash('sha256').update(JSON.stringify([plan.connector, put, plan.remove])).digest('base64url');
}

/** How the plan's removals are named, for the confirmation /setup asks for. */
export const removalNames = (plan: SyncPlan) => plan.remove.map((template) => key(template.languageTag, template.templateType));

/** What a person confirmed on /setup; the CLI, which shows the plan in the terminal, gives none. */
export type ShownPlan = {
  /** `planDigest` of the plan the page showed. */
  digest: string;
  /** The templates whose removal was confirmed, as `removalNames` names them. */
  removals: string[];
  /** The connector ID of the other email connector whose replacement was confirmed. */
  replaces?: string;
};

export type SyncOptions = {
  /** Apply only if the plan is still the one shown, with its removals confirmed. */
  shown?: ShownPlan;
  /**
   * Asked before Logto's connector test mails `testTo`: /setup counts it as a test send (limits
   * and recipient checks); refused, the changes stay applied and no mail goes.
   */
  admitTestMail?: (to: string) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Show the plan, change nothing. */
  dryRun?: boolean;
  /** Allow replacing another kind of email connector. */
  replace?: boolean;
  /** After applying, Logto's own connector test mails this address. */
  testTo?: string;
  /** The project folder holding email-templates/ (the working directory unless given). */
  root?: string;
  client?: ManagementClient;
};

export type SyncResult =
  | { ok: true; plan: SyncPlan; applied: boolean; done: string[]; message: string }
  | { ok: false; plan?: SyncPlan; done: string[]; message: string; field?: string };

const clientFor = (config: AppConfig, client?: ManagementClient) =>
  client ?? (config.managementApi && managementClientFor(config.logto, config.managementApi));

const messageOf = (outcome: Outcome) =>
  outcome.kind === 'unreachable'
    ? `no answer (${outcome.message})`
    : `HTTP ${outcome.status}${typeof (outcome.body as { message?: unknown } | undefined)?.message === 'string' ? ` (${(outcome.body as { message: string }).message})` : ''}`;

type Ready = { ok: true; client: ManagementClient; timeoutMs: number } | { ok: false; message: string; field?: string };

function ready(config: AppConfig, client?: ManagementClient): Ready {
  const managementClient = clientFor(config, client);
  if (!managementClient || !config.managementApi) return { ok: false, message: `Syncing needs the Management API. ${enableManagementApi}`, field: 'LOGTO_M2M_APP_ID' };
  return { ok: true, client: managementClient, timeoutMs: config.logto.timeoutMs };
}

async function readTenant(config: AppConfig, client: ManagementClient, timeoutMs: number) {
  const [connectors, templates] = await Promise.all([
    ask((signal) => client.GET('/api/connectors', { signal }), timeoutMs),
    ask((signal) => client.GET('/api/email-templates', { signal }), timeoutMs),
  ]);
  for (const outcome of [connectors, templates]) {
    const access = managementAccessProblem(outcome, config.managementApi?.resource ?? '');
    if (access) return { ok: false as const, message: `${access.detail} ${access.fix}` };
    if (outcome.kind === 'answer' && outcome.status !== 200) return { ok: false as const, message: `Reading the tenant answered ${messageOf(outcome)}.` };
  }
  const rows = (outcome: Outcome) => (outcome.kind === 'answer' && Array.isArray(outcome.body) ? (outcome.body as Record<string, unknown>[]) : []);
  return {
    ok: true as const,
    connectors: rows(connectors).map((row) => ({ id: String(row.id), connectorId: String(row.connectorId), type: String(row.type), config: (row.config ?? {}) as Record<string, unknown> })),
    templates: rows(templates).map(tenantTemplateOf),
  };
}

/** The plan, then (unless a dry run) the changes in order: connector, templates, then the test mail. */
export async function runSync(config: AppConfig, options: SyncOptions = {}): Promise<SyncResult> {
  const done: string[] = [];
  if (config.ses.state !== 'configured') {
    return { ok: false, done, message: `AWS_SES_CONFIG is ${config.ses.state === 'missing' ? 'unset' : 'invalid'}: there is nothing to sync the connector from.`, field: 'AWS_SES_CONFIG' };
  }
  const folder = loadEmailTemplates(options.root);
  if (!folder.ok) return { ok: false, done, message: `The email templates are not valid: ${describeTemplateProblems(folder.problems)}`, field: folder.problems[0]?.file };
  const access = ready(config, options.client);
  if (!access.ok) return { ok: false, done, message: access.message, field: access.field };
  const { client, timeoutMs } = access;

  const tenant = await readTenant(config, client, timeoutMs);
  if (!tenant.ok) return { ok: false, done, message: tenant.message };
  const connectorConfig = config.ses.settings.connector;
  const plan = planSync(tenant, { connector: connectorConfig, templates: folder.templates });
  if (options.dryRun) {
    return { ok: true, plan, applied: false, done, message: plan.changes.length === 0 ? 'No difference: the tenant equals the repository.' : `Dry run: ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} to apply.` };
  }
  if (options.shown) {
    const refused = shownPlanProblem(plan, options.shown);
    if (refused) return { ok: false, plan, done, ...refused };
  }

  if (plan.connector.action === 'replace' && !options.replace && options.shown?.replaces !== plan.connector.replaces.connectorId) {
    return {
      ok: false,
      plan,
      done,
      message: `The tenant's email connector is ${plan.connector.replaces.connectorId}, and creating the AWS SES connector would remove it (Logto keeps one email connector). Nothing was changed; to replace it, sync with --replace (on /setup, tick "Replace the tenant's ${plan.connector.replaces.connectorId} email connector").`,
      field: 'replace',
    };
  }

  // Logto's PATCH replaces `config` whole (fixture 34), so the whole AWS_SES_CONFIG goes each time.
  const body = { config: connectorConfig as unknown as Record<string, unknown> };
  if (plan.connector.action === 'update') {
    const { id } = plan.connector;
    const patched = await ask((signal) => client.PATCH('/api/connectors/{id}', { params: { path: { id } }, body, signal }), timeoutMs);
    if (patched.kind === 'unreachable' || patched.status !== 200) return { ok: false, plan, done, message: `Logto refused the connector update: ${messageOf(patched)}.` };
    done.push('Updated the AWS SES connector.');
  } else if (plan.connector.action === 'create' || plan.connector.action === 'replace') {
    const created = await ask((signal) => client.POST('/api/connectors', { body: { connectorId: factoryId, ...body }, signal }), timeoutMs);
    if (created.kind === 'unreachable' || created.status !== 200) return { ok: false, plan, done, message: `Logto refused to create the connector: ${messageOf(created)}.` };
    done.push(plan.connector.action === 'replace' ? `Replaced the ${plan.connector.replaces.connectorId} connector with AWS SES.` : 'Created the AWS SES connector.');
  }

  if (plan.put.length > 0) {
    const templates = plan.put.map((template) => ({ languageTag: template.languageTag, templateType: template.templateType, details: detailsOf(template) as { subject: string; content: string } }));
    // The next test send reads the tenant again, not what it read before this sync.
    forgetTenantTemplates();
    const put = await ask((signal) => client.PUT('/api/email-templates', { body: { templates }, signal }), timeoutMs);
    if (put.kind === 'unreachable' || put.status !== 200) return { ok: false, plan, done, message: `Logto refused the email templates: ${messageOf(put)}.` };
    done.push(`Wrote ${plan.put.length} email template${plan.put.length === 1 ? '' : 's'}.`);
  }
  if (plan.remove.length > 0) forgetTenantTemplates();
  for (const template of plan.remove) {
    const removed = await ask((signal) => client.DELETE('/api/email-templates/{id}', { params: { path: { id: template.id } }, signal }), timeoutMs);
    // Gone already (someone else removed it) is what was wanted.
    if (removed.kind === 'unreachable' || (removed.status !== 204 && removed.status !== 404)) {
      return { ok: false, plan, done, message: `Logto refused to remove template ${key(template.languageTag, template.templateType)}: ${messageOf(removed)}.` };
    }
    done.push(`Removed template ${key(template.languageTag, template.templateType)}.`);
  }

  if (options.testTo) {
    const admitted = (await options.admitTestMail?.(options.testTo)) ?? { ok: true };
    if (!admitted.ok) return { ok: false, plan, done, message: `No test mail was sent: ${admitted.message}`, field: 'testTo' };
    const test = await ask(
      (signal) => client.POST('/api/connectors/{factoryId}/test', { params: { path: { factoryId } }, body: { email: options.testTo, config: body.config }, signal }),
      timeoutMs,
    );
    if (test.kind === 'unreachable' || test.status !== 204) return { ok: false, plan, done, message: `Logto's connector test failed: ${messageOf(test)}.`, field: 'testTo' };
    done.push(`Logto sent its test mail (Generic template, code 000000) to ${options.testTo}.`);
  }
  return { ok: true, plan, applied: true, done, message: done.length === 0 ? 'Nothing to change: the tenant equals the repository.' : done.join(' ') };
}

/** Why the plan may not be applied as shown: it changed since, or a removal was not confirmed. */
function shownPlanProblem(plan: SyncPlan, shown: ShownPlan): { message: string; field: string } | undefined {
  if (planDigest(plan) !== shown.digest) {
    const now = plan.changes.length === 0 ? 'there is no difference any more' : `the difference is now: ${plan.changes.join('; ')}`;
    return { message: `The tenant changed since the page showed its difference, so nothing was applied: ${now}. Check the new difference and apply again.`, field: 'planDigest' };
  }
  if (plan.changes.length === 0) return { message: 'There is nothing to apply: the tenant equals the repository. (A test mail alone is what "Send test email" on /connector is for.)', field: 'planDigest' };
  const unconfirmed = removalNames(plan).filter((name) => !shown.removals.includes(name));
  if (unconfirmed.length > 0) {
    return { message: `Applying removes the template${unconfirmed.length === 1 ? '' : 's'} ${unconfirmed.join(', ')}: confirm the removal to apply. Nothing was changed.`, field: 'confirmRemovals' };
  }
  return undefined;
}

export const secretPlaceholder = '<hidden: pull --include-secrets shows it>';

export type PullResult = { ok: true; config: Record<string, unknown> } | { ok: false; message: string };

/** The tenant's AWS SES connector config, as AWS_SES_CONFIG JSON takes it; the secrets only when asked for. */
export async function pullConnector(config: AppConfig, { includeSecrets = false, client }: { includeSecrets?: boolean; client?: ManagementClient } = {}): Promise<PullResult> {
  const access = ready(config, client);
  if (!access.ok) return access;
  const outcome = await ask((signal) => access.client.GET('/api/connectors', { signal }), access.timeoutMs);
  const problem = managementAccessProblem(outcome, config.managementApi?.resource ?? '');
  if (problem) return { ok: false, message: `${problem.detail} ${problem.fix}` };
  if (outcome.kind !== 'answer' || outcome.status !== 200 || !Array.isArray(outcome.body)) return { ok: false, message: `Listing the connectors answered ${messageOf(outcome)}.` };
  const connector = (outcome.body as { connectorId?: unknown; config?: unknown }[]).find((row) => row.connectorId === factoryId);
  if (!connector) return { ok: false, message: 'The tenant has no AWS SES connector: `npm run logto -- sync` creates it from AWS_SES_CONFIG.' };
  const tenantConfig = { ...((connector.config ?? {}) as Record<string, unknown>) };
  if (!includeSecrets) for (const field of ['accessKeyId', 'accessKeySecret']) if (field in tenantConfig) tenantConfig[field] = secretPlaceholder;
  return { ok: true, config: tenantConfig };
}
