import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';
import { logtoTestEnv } from '@/lib/config/test-support';

import { ConfigProblems } from './config-problems';

describe('ConfigProblems', () => {
  it('names each variable and what is wrong in general terms, never the detailed message or the value', () => {
    const result = parseAppConfig({ ...logtoTestEnv, LOGTO_BASE_URL: 'https://app.example.com/private-path', LOGTO_COOKIE_SECRET: 'short-cookie-value' });
    if (result.ok) throw new Error('expected problems');
    const html = renderToStaticMarkup(<ConfigProblems problems={result.problems} />);
    expect(html).toContain('LOGTO_BASE_URL: not the origin of the app (it has a path, query or fragment)');
    expect(html).toContain('LOGTO_COOKIE_SECRET: shorter than 32 characters');
    for (const detail of ['private-path', 'short-cookie-value', 'openssl rand', 'e.g. https://app.example.com']) expect(html).not.toContain(detail);
  });
});
