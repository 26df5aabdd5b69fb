import type { SesStatus } from '@/lib/config';

/** Shown at the top of the connector page while SES cannot send: what is wrong and what to set. */
export function ConnectorSetupAlert({ ses }: { ses: Exclude<SesStatus, { state: 'configured' }> }) {
  return (
    <section role="alert" aria-labelledby="ses-setup-title" className="rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <h2 id="ses-setup-title" className="text-lg font-semibold">
        {ses.state === 'missing' ? 'Amazon SES is not configured' : 'The SES connector configuration is invalid'}
      </h2>
      {ses.state === 'missing' ? (
        <p className="mt-2 text-sm">
          No email can be sent until <code>AWS_SES_CONFIG</code> holds the connector JSON, the same as in Logto&apos;s AWS SES
          connector (access key, region, sender and templates). Set it in <code>.env.local</code> (see <code>.env.example</code>) or
          in your host&apos;s environment variables, then restart the server.
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm">
            Fix {ses.issues.length === 1 ? 'this problem' : `these ${ses.issues.length} problems`} in <code>AWS_SES_CONFIG</code>,
            then restart the server. The table below shows every field.
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {ses.issues.map((issue) => (
              <li key={`${issue.field}:${issue.message}`} className="rounded-lg bg-white/70 px-3 py-2 dark:bg-black/30">
                <code className="font-semibold">{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
