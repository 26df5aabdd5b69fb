import { isValidElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';
import { logtoTestEnv } from '@/lib/config/test-support';

import { ConfigProblemsCard, summaryIdOf } from './config-problems';

describe('ConfigProblems', () => {
  it('names each variable and what is wrong in general terms, never the detailed message or the value', () => {
    const result = parseAppConfig({ ...logtoTestEnv, LOGTO_BASE_URL: 'https://app.example.com/private-path', LOGTO_COOKIE_SECRET: 'short-cookie-value' });
    if (result.ok) throw new Error('expected problems');
    const html = renderToStaticMarkup(<ConfigProblemsCard problems={result.problems} locale="en" />);
    expect(html).toContain('LOGTO_BASE_URL: not the origin of the app (it has a path, query or fragment)');
    expect(html).toContain('LOGTO_COOKIE_SECRET: shorter than 32 characters');
    for (const detail of ['private-path', 'short-cookie-value', 'openssl rand', 'e.g. https://app.example.com']) expect(html).not.toContain(detail);
  });

  // React keys are not in the static markup but travel in the RSC data inside every page's HTML.
  it('keys each line by the variable, so that no detail reaches the RSC data either', () => {
    const result = parseAppConfig({ ...logtoTestEnv, TEST_SEND_USER_LIMIT: '5/10m-sk_live_X7', TEST_SEND_RECIPIENT_LIMIT: 'often-sk_live_Y8' });
    if (result.ok) throw new Error('expected problems');
    const keys: string[] = [];
    const walk = (node: ReactNode) => {
      if (Array.isArray(node)) node.forEach(walk);
      if (!isValidElement(node)) return;
      // The lines' keys; the catalogue's markup (<code>) has keys of its own, fixed by next-intl.
      if (node.key !== null && node.type === 'li') keys.push(node.key);
      walk((node.props as { children?: ReactNode }).children);
    };
    walk(ConfigProblemsCard({ problems: result.problems, locale: 'en' }));
    expect(keys.sort()).toEqual(['TEST_SEND_RECIPIENT_LIMIT', 'TEST_SEND_USER_LIMIT']);
  });

  it('says each summary in the page language', () => {
    const result = parseAppConfig({ ...logtoTestEnv, LOGTO_BASE_URL: 'https://app.example.com/private-path', LOGTO_COOKIE_SECRET: 'short-cookie-value' });
    if (result.ok) throw new Error('expected problems');
    const html = renderToStaticMarkup(<ConfigProblemsCard problems={result.problems} locale="zh-CN" />);
    expect(html).toContain('应用需要配置');
    expect(html).toContain('LOGTO_BASE_URL：不是应用的源地址（含有路径、查询或片段）');
    expect(html).toContain('LOGTO_COOKIE_SECRET：少于 32 个字符');
  });

  it('knows the summary of every check of the configuration (else it would stay English)', () => {
    const result = parseAppConfig({
      ...logtoTestEnv,
      LOGTO_ENDPOINT: 'not a url',
      LOGTO_BASE_URL: 'https://app.example.com/x',
      LOGTO_COOKIE_SECRET: 'short',
      LOGTO_TIMEOUT_MS: 'soon',
      TEST_SEND_USER_LIMIT: 'often',
      LOGTO_ACCOUNT_FEATURES: 'maybe',
      LOGTO_SETUP_ADMINS: 'nobody',
      TEST_SEND_ALLOWED_EMAILS: 'nobody',
    });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.length).toBeGreaterThan(6);
    expect(result.problems.filter((problem) => summaryIdOf(problem.summary) === undefined)).toEqual([]);
  });
});
