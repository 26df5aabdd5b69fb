import type { IdTokenClaims } from '@/lib/auth/session';

const claimLabels: Record<string, string> = {
  sub: 'User ID',
  email: 'Email',
  email_verified: 'Email verified',
  name: 'Name',
  username: 'Username',
  picture: 'Picture',
  iss: 'Issuer',
  aud: 'Audience',
  iat: 'Issued at',
  exp: 'Expires at',
  auth_time: 'Signed in at',
  created_at: 'Account created',
  updated_at: 'Profile updated',
  at_hash: 'Access token hash',
  sid: 'Session ID',
};

// Logto gives these in seconds (iat, exp, auth_time) or milliseconds (created_at, updated_at).
const timeClaims = new Set(['iat', 'exp', 'auth_time', 'created_at', 'updated_at']);

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (timeClaims.has(key) && typeof value === 'number') {
    const milliseconds = value > 1e12 ? value : value * 1000;
    return `${new Date(milliseconds).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ClaimsTable({ claims }: { claims: IdTokenClaims }) {
  const entries = Object.entries(claims).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Claims of your ID token</caption>
        <thead className="bg-slate-100 text-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Claim</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Value</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="px-4 py-2.5 align-top font-normal">
                <span className="block font-medium text-slate-900 dark:text-slate-100">{claimLabels[key] ?? key}</span>
                <code className="text-xs text-slate-600 dark:text-slate-400">{key}</code>
              </th>
              <td className="break-all px-4 py-2.5 align-top font-mono text-xs text-slate-800 dark:text-slate-200" data-claim={key}>
                {formatValue(key, value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
