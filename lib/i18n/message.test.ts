import { describe, expect, it } from 'vitest';

import { failureMessage, message, messageText } from './message';

describe('messageText', () => {
  it('fills in values, messages within messages and lists of them, in the same language', () => {
    const usage = message('Readiness.detail.quota', { sent: 1203, max: 50000, percent: 2 });
    expect(messageText('en', message('Readiness.detail.quotaClose', { usage }))).toBe('1,203 of 50,000 sent in the last 24 hours (2 %). Close to the maximum.');
    expect(messageText('zh-CN', message('Readiness.detail.quotaClose', { usage }))).toBe('过去 24 小时发送了 1,203 / 50,000 封（2 %）。已接近上限。');
    const problems = [message('Readiness.detail.arnRegion', { field: 'a', arnRegion: 'x', region: 'y' }), message('Readiness.detail.arnRegion', { field: 'b', arnRegion: 'x', region: 'y' })];
    expect(messageText('en', message('Readiness.detail.arnProblems', { problems }))).toBe(
      'The identity ARNs do not fit: a names region x, but the connector sends in y. b names region x, but the connector sends in y.',
    );
  });

  it("keeps a failure's own English text for a code the catalogue does not know", () => {
    const unknown = failureMessage({ code: 'not_in_any_catalogue', message: 'Something went wrong.' });
    expect(unknown && messageText('zh-CN', unknown)).toBe('Something went wrong.');
    expect(failureMessage({ code: 'x', message: 'm' }, 'hint')).toBeUndefined();
  });
});
