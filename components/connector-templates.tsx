import { emailPreviewHtml } from '@/lib/http/email-preview';
import { findTemplate, renderEmail, testCode, type EmailTemplate, type UsageType } from '@/lib/ses';

/**
 * The email each usage type sends, rendered as the test send renders it (code 000000). The
 * HTML comes from the configuration, so it is shown in a sandboxed frame: no scripts, no
 * forms, no access to this page; its style blocks carry the page's nonce (`styleNonce`).
 */
export function ConnectorTemplates({
  templates,
  usageTypes,
  styleNonce,
}: {
  templates: EmailTemplate[];
  usageTypes: readonly UsageType[];
  styleNonce?: string;
}) {
  return (
    <ul className="space-y-3">
      {usageTypes.map((usageType) => {
        const found = findTemplate(templates, usageType);
        if (!found.ok) {
          return (
            <li key={usageType} className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
              <strong>{usageType}</strong>: {found.message}
            </li>
          );
        }
        const { subject, html } = renderEmail(found.template, { code: testCode });
        const fallback = found.templateUsageType !== usageType;
        return (
          <li key={usageType} data-usage-type={usageType}>
            <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 rounded-xl px-4 py-3 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
                <span className="font-semibold">{usageType}</span>
                {fallback && (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                    uses the Generic template
                  </span>
                )}
                <span className="w-full break-words text-sm text-slate-600 dark:text-slate-300">
                  Subject: <span data-testid={`template-subject-${usageType}`}>{subject}</span>
                </span>
              </summary>
              <div className="border-t border-slate-200 p-3 dark:border-slate-800">
                <iframe
                  sandbox=""
                  srcDoc={emailPreviewHtml(html, styleNonce)}
                  title={`Preview of the ${usageType} email`}
                  loading="lazy"
                  className="h-96 w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700"
                />
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
