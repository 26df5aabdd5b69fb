import { getLocale } from 'next-intl/server';
import { getFormatter, getTranslations } from '@/lib/i18n/server';

import type { IdTokenClaims } from '@/lib/auth/session';
import { asLocale } from '@/lib/i18n/locales';
import { messagesFor, type Messages } from '@/lib/i18n/messages';

/** The claims the catalogue names (`Claims.labels`); any other shows as its key. */
type LabelledClaim = keyof Messages['Claims']['labels'];

// Logto gives these in seconds (iat, exp, auth_time) or milliseconds (created_at, updated_at).
const timeClaims = new Set(['iat', 'exp', 'auth_time', 'created_at', 'updated_at']);

type Words = { t: Awaited<ReturnType<typeof getTranslations<'Claims'>>>; format: Awaited<ReturnType<typeof getFormatter>> };

function formatValue(key: string, value: unknown, { t, format }: Words): string {
  if (value === null || value === undefined) return '—';
  if (timeClaims.has(key) && typeof value === 'number') {
    const milliseconds = value > 1e12 ? value : value * 1000;
    // In UTC, named: the server does not know the person's time zone.
    return format.dateTime(new Date(milliseconds), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
  }
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function ClaimsTable({ claims }: { claims: IdTokenClaims }) {
  const [t, format, locale] = await Promise.all([getTranslations('Claims'), getFormatter(), getLocale()]);
  const labels = messagesFor(asLocale(locale)).Claims.labels;
  const entries = Object.entries(claims).sort(([a], [b]) => a.localeCompare(b));
  return (
    // A scroller a keyboard can reach, should a value ever be wider than a narrow screen.
    <div className="claims-table" role="region" aria-label={t('caption')} tabIndex={0}>
      <table>
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('claim')}</th>
            <th scope="col">{t('value')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                <span>{Object.hasOwn(labels, key) ? labels[key as LabelledClaim] : key}</span>
                <code>{key}</code>
              </th>
              <td data-claim={key}>{formatValue(key, value, { t, format })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
