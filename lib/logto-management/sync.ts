import { createHash } from 'node:crypto';

import type { AppConfig } from '@/lib/config';
import { describeTemplateProblems, loadEmailTemplates, type AwsSesConnectorConfig, type LocalizedTemplate } from '@/lib/ses';

import { connectorDifferenceSaids, enableManagementApiSaid, managementAccessProblem, type Outcome } from './checks';
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

/** `message` and `done` in English (the CLI, logs); `said` the same as catalogue messages, for /setup. */
export type SyncResult =
  | { ok: true; plan: SyncPlan; applied: boolean; done: string[]; message: string; said: SyncSaid }
  | { ok: false; plan?: SyncPlan; done: string[]; message: string; field?: string; said: SyncSaid };

export type SyncSaid = { message: Said; done: Said[] };

const clientFor = (config: AppConfig, client?: ManagementClient) =>
  client ?? (config.managementApi && managementClientFor(config.logto, config.managementApi));

const answerOf = (outcome: Outcome): Said =>
  outcome.kind === 'unreachable'
    ? said('noAnswer', { message: outcome.message })
    : said('httpAnswer', { status: outcome.status, message: typeof (outcome.body as { message?: unknown } | undefined)?.message === 'string' ? ` (${(outcome.body as { message: string }).message})` : '' });

const messageOf = (outcome: Outcome) => english(answerOf(outcome));

type Ready = { ok: true; client: ManagementClient; timeoutMs: number } | { ok: false; message: string; field?: string; said: Said };

function ready(config: AppConfig, client?: ManagementClient): Ready {
  const managementClient = clientFor(config, client);
  if (!managementClient || !config.managementApi) {
    const needs = said('syncNeedsManagementApi', { enable: enableManagementApiSaid });
    return { ok: false, message: english(needs), field: 'LOGTO_M2M_APP_ID', said: needs };
  }
  return { ok: true, client: managementClient, timeoutMs: config.logto.timeoutMs };
}

async function readTenant(config: AppConfig, client: ManagementClient, timeoutMs: number) {
  const [connectors, templates] = await Promise.all([
    ask((signal) => client.GET('/api/connectors', { signal }), timeoutMs),
    ask((signal) => client.GET('/api/email-templates', { signal }), timeoutMs),
  ]);
  for (const outcome of [connectors, templates]) {
    const access = managementAccessProblem(outcome, config.managementApi?.resource ?? '');
    if (access) return { ok: false as const, said: said('problemAndFix', { problem: access.said.detail, fix: access.said.fix }) };
    if (outcome.kind === 'answer' && outcome.status !== 200) return { ok: false as const, said: said('syncReadRefused', { answer: answerOf(outcome) }) };
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
  const done: Said[] = [];
  // Every ending says its message both ways: English for the CLI, the catalogue's for /setup.
  const stopped = (message: Said, rest: { plan?: SyncPlan; field?: string } = {}): SyncResult => ({
    ok: false,
    ...rest,
    done: done.map(english),
    message: english(message),
    said: { message, done: [...done] },
  });
  const finished = (plan: SyncPlan, applied: boolean, message: Said): SyncResult => ({
    ok: true,
    plan,
    applied,
    done: done.map(english),
    message: applied && done.length > 0 ? done.map(english).join(' ') : english(message),
    said: { message, done: [...done] },
  });
  if (config.ses.state !== 'configured') return stopped(said('syncNoConfig', { state: config.ses.state === 'missing' ? 'missing' : 'invalid' }), { field: 'AWS_SES_CONFIG' });
  const folder = loadEmailTemplates(options.root);
  if (!folder.ok) return stopped(said('syncTemplatesInvalid', { problems: describeTemplateProblems(folder.problems) }), { field: folder.problems[0]?.file });
  const access = ready(config, options.client);
  if (!access.ok) return stopped(access.said, { field: access.field });
  const { client, timeoutMs } = access;

  const tenant = await readTenant(config, client, timeoutMs);
  if (!tenant.ok) return stopped(tenant.said);
  const connectorConfig = config.ses.settings.connector;
  const plan = planSync(tenant, { connector: connectorConfig, templates: folder.templates });
  if (options.dryRun) return finished(plan, false, plan.changes.length === 0 ? said('syncNoDifference') : said('syncDryRun', { count: plan.changes.length }));
  if (options.shown) {
    const refused = shownPlanProblem(plan, options.shown);
    if (refused) return stopped(refused.said, { plan, field: refused.field });
  }

  if (plan.connector.action === 'replace' && !options.replace && options.shown?.replaces !== plan.connector.replaces.connectorId) {
    return stopped(said('syncMustReplace', { connectorId: plan.connector.replaces.connectorId }), { plan, field: 'replace' });
  }

  // Logto's PATCH replaces `config` whole (fixture 34), so the whole AWS_SES_CONFIG goes each time.
  const body = { config: connectorConfig as unknown as Record<string, unknown> };
  if (plan.connector.action === 'update') {
    const { id } = plan.connector;
    const patched = await ask((signal) => client.PATCH('/api/connectors/{id}', { params: { path: { id } }, body, signal }), timeoutMs);
    if (patched.kind === 'unreachable' || patched.status !== 200) return stopped(said('syncConnectorUpdateRefused', { answer: answerOf(patched) }), { plan });
    done.push(said('doneUpdated'));
  } else if (plan.connector.action === 'create' || plan.connector.action === 'replace') {
    const created = await ask((signal) => client.POST('/api/connectors', { body: { connectorId: factoryId, ...body }, signal }), timeoutMs);
    if (created.kind === 'unreachable' || created.status !== 200) return stopped(said('syncConnectorCreateRefused', { answer: answerOf(created) }), { plan });
    done.push(plan.connector.action === 'replace' ? said('doneReplaced', { connectorId: plan.connector.replaces.connectorId }) : said('doneCreated'));
  }

  if (plan.put.length > 0) {
    const templates = plan.put.map((template) => ({ languageTag: template.languageTag, templateType: template.templateType, details: detailsOf(template) as { subject: string; content: string } }));
    // The next test send reads the tenant again, not what it read before this sync.
    forgetTenantTemplates();
    const put = await ask((signal) => client.PUT('/api/email-templates', { body: { templates }, signal }), timeoutMs);
    if (put.kind === 'unreachable' || put.status !== 200) return stopped(said('syncTemplatesRefused', { answer: answerOf(put) }), { plan });
    done.push(said('doneWrote', { count: plan.put.length }));
  }
  if (plan.remove.length > 0) forgetTenantTemplates();
  for (const template of plan.remove) {
    const removed = await ask((signal) => client.DELETE('/api/email-templates/{id}', { params: { path: { id: template.id } }, signal }), timeoutMs);
    // Gone already (someone else removed it) is what was wanted.
    if (removed.kind === 'unreachable' || (removed.status !== 204 && removed.status !== 404)) {
      return stopped(said('syncRemoveRefused', { name: key(template.languageTag, template.templateType), answer: answerOf(removed) }), { plan });
    }
    done.push(said('doneRemoved', { name: key(template.languageTag, template.templateType) }));
  }

  if (options.testTo) {
    const admitted = (await options.admitTestMail?.(options.testTo)) ?? { ok: true };
    if (!admitted.ok) return stopped(said('syncTestNotSent', { reason: admitted.message }), { plan, field: 'testTo' });
    const test = await ask(
      (signal) => client.POST('/api/connectors/{factoryId}/test', { params: { path: { factoryId } }, body: { email: options.testTo, config: body.config }, signal }),
      timeoutMs,
    );
    if (test.kind === 'unreachable' || test.status !== 204) return stopped(said('syncTestFailed', { answer: answerOf(test) }), { plan, field: 'testTo' });
    done.push(said('doneTestSent', { to: options.testTo }));
  }
  return finished(plan, true, said('syncNothingToChange'));
}

/** Why the plan may not be applied as shown: it changed since, or a removal was not confirmed. */
function shownPlanProblem(plan: SyncPlan, shown: ShownPlan): { said: Said; field: string } | undefined {
  if (planDigest(plan) !== shown.digest) {
    const now = plan.said.length === 0 ? said('planNowNone') : said('planNow', { changes: list(plan.said) });
    return { said: said('planChanged', { now }), field: 'planDigest' };
  }
  if (plan.changes.length === 0) return { said: said('planEmpty'), field: 'planDigest' };
  const unconfirmed = removalNames(plan).filter((name) => !shown.removals.includes(name));
  if (unconfirmed.length > 0) return { said: said('confirmRemovals', { count: unconfirmed.length, names: list(unconfirmed, 'comma') }), field: 'confirmRemovals' };
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
