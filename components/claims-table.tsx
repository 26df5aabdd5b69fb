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
    <div className="claims-table">
      <table>
        <caption className="sr-only">Claims of your ID token</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                <span>{claimLabels[key] ?? key}</span>
                <code>{key}</code>
              </th>
              <td data-claim={key}>{formatValue(key, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
