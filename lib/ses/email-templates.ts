import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { failure, type Failure } from '../failure/failure';

import type { TemplateLanguages } from './send-email';
import type { LocalizedTemplate } from './template-order';
import { isUsageType, usageTypes } from './usage-types';

/**
 * The email templates as code: `email-templates/<language>/<UsageType>.json`, each
 * `{ "subject": "...", "content": "<html>..." }`, with Logto's `{{code}}` placeholders. What
 * `npm run logto -- sync` pushes to the tenant's `/api/email-templates`, what /connector
 * previews per language, and the "database" templates of the app's own test send.
 * Every problem names the file and the field, so a broken template is fixed where it is.
 */

export const emailTemplatesFolder = 'email-templates';

/** A BCP 47 language tag as Logto accepts them for its languages: `en`, `zh-CN`, `pt-BR`, `zh-Hant-TW`. */
export const languageTagPattern = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

export type EmailTemplatesProblem = { file: string; field?: string; message: string };

export type EmailTemplatesResult = { ok: true; templates: LocalizedTemplate[]; languages: string[] } | { ok: false; problems: EmailTemplatesProblem[] };

const maxTemplateBytes = 256 * 1024;

const missingFolder = 'The folder is missing.';

/** Checks one parsed file; `file` is the path shown in problems, relative to the project. */
export function parseTemplateFile(file: string, languageTag: string, usageType: string, text: string): { ok: true; template: LocalizedTemplate } | { ok: false; problems: EmailTemplatesProblem[] } {
  const problems: EmailTemplatesProblem[] = [];
  if (!isUsageType(usageType)) problems.push({ file, message: `"${usageType}" is not a usage type Logto sends: name the file one of ${usageTypes.join(', ')} (.json).` });
  if (Buffer.byteLength(text) > maxTemplateBytes) problems.push({ file, message: `The file is larger than ${maxTemplateBytes / 1024} KB.` });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push({ file, message: `The file is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).` });
    return { ok: false, problems };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push({ file, message: 'The file must hold one object: { "subject": "...", "content": "..." }.' });
    return { ok: false, problems };
  }
  const record = json as Record<string, unknown>;
  for (const field of ['subject', 'content'] as const) {
    const value = record[field];
    if (typeof value !== 'string') problems.push({ file, field, message: `"${field}" must be a string${value === undefined ? ' and is missing' : ''}.` });
    else if (value.trim() === '') problems.push({ file, field, message: `"${field}" is empty.` });
  }
  if (typeof record.subject === 'string' && /[\r\n]/.test(record.subject)) problems.push({ file, field: 'subject', message: '"subject" must be one line.' });
  for (const key of Object.keys(record)) {
    if (key !== 'subject' && key !== 'content') problems.push({ file, field: key, message: `Unknown field "${key}": a template has only "subject" and "content".` });
  }
  if (problems.length > 0 || !isUsageType(usageType)) return { ok: false, problems };
  return { ok: true, template: { languageTag, templateType: usageType, subject: record.subject as string, content: record.content as string } };
}

/** Reads and checks the whole folder; `root` is the project directory (the server's working directory). */
export function loadEmailTemplates(root: string = process.cwd()): EmailTemplatesResult {
  const folder = path.join(/* turbopackIgnore: true */ root, emailTemplatesFolder);
  let languages: string[];
  try {
    // Read at run time, shipped by next.config.ts's outputFileTracingIncludes: not paths for the
    // bundler to trace (it would pull every file whose name mentions the folder into the build).
    languages = readdirSync(/* turbopackIgnore: true */ folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, problems: [{ file: emailTemplatesFolder, message: missing ? missingFolder : `The folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` }] };
  }
  const templates: LocalizedTemplate[] = [];
  const problems: EmailTemplatesProblem[] = [];
  for (const languageTag of languages) {
    const shown = `${emailTemplatesFolder}/${languageTag}`;
    if (!languageTagPattern.test(languageTag)) {
      problems.push({ file: shown, message: `"${languageTag}" is not a language tag such as en, zh-CN or pt-BR.` });
      continue;
    }
    for (const name of readdirSync(/* turbopackIgnore: true */ path.join(folder, languageTag)).sort()) {
      const file = `${shown}/${name}`;
      if (!name.endsWith('.json')) {
        problems.push({ file, message: 'Only <UsageType>.json files belong here.' });
        continue;
      }
      const parsed = parseTemplateFile(file, languageTag, name.slice(0, -'.json'.length), readFileSync(/* turbopackIgnore: true */ path.join(folder, languageTag, name), 'utf8'));
      if (parsed.ok) templates.push(parsed.template);
      else problems.push(...parsed.problems);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, templates, languages: languages.filter((tag) => templates.some((template) => template.languageTag === tag)) };
}

export const describeTemplateProblems = (problems: EmailTemplatesProblem[]) =>
  problems.map(({ file, field, message }) => `${file}${field ? ` (${field})` : ''}: ${message}`).join('; ');

/**
 * The repository's templates as the app's own sends take them: the "database" templates of
 * Logto's order, with `en` as the fallback language (the sign-in experience's default).
 * A broken folder is a setup problem of this deployment, named by file and field.
 */
export function repositoryTemplateLanguages(locale: string | undefined, root?: string): { ok: true; languages: TemplateLanguages } | Failure {
  const loaded = loadEmailTemplates(root);
  // Without the folder (a script run elsewhere), the connector's templates, as in a tenant without email templates.
  if (!loaded.ok && loaded.problems.every((problem) => problem.file === emailTemplatesFolder && problem.message === missingFolder)) {
    return { ok: true, languages: { localized: [], fallbackLanguage: 'en', ...(locale !== undefined && { locale }) } };
  }
  if (!loaded.ok) {
    const problems = describeTemplateProblems(loaded.problems);
    return failure(503, 'email_templates_invalid', `The email templates are not valid: ${problems}`, { field: loaded.problems[0]?.file, params: { problems } });
  }
  return { ok: true, languages: { localized: loaded.templates, fallbackLanguage: 'en', ...(locale !== undefined && { locale }) } };
}

export type TemplatePreviewLanguages = {
  /** The languages email-templates/ has, in order. */
  languages: string[];
  /** The one to preview: the requested language when the folder has it, else the fallback. */
  selected: string;
  localized: LocalizedTemplate[];
  /** Why the folder could not be used (then the previews show the connector's templates). */
  problem?: string;
};

/** What /connector previews for `?lang=`: anything but a language of the folder reads as the fallback, en. */
export function templatePreviewLanguages(requested: unknown, root?: string): TemplatePreviewLanguages {
  const loaded = loadEmailTemplates(root);
  if (!loaded.ok) return { languages: [], selected: 'en', localized: [], problem: describeTemplateProblems(loaded.problems) };
  const selected = typeof requested === 'string' && loaded.languages.includes(requested) ? requested : 'en';
  return { languages: loaded.languages, selected, localized: loaded.templates };
}
