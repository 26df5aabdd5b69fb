import { describe, expect, it } from 'vitest';

import { failure } from '@/lib/failure/failure';

import { failureText } from './failure-text';

describe('failureText', () => {
  const known = failure(400, 'invalid_locale', 'Choose one of the languages the switch offers.', { field: 'locale' });

  it('says a known failure in the catalogue language', () => {
    expect(failureText('zh-CN', known)).toEqual({ title: '未知语言', message: '请选择切换按钮提供的语言之一。' });
    expect(failureText('en', known)).toEqual({ title: 'Unknown language', message: 'Choose one of the languages the switch offers.' });
  });

  it('keeps the English text of a code the catalogue does not know, hint and title included', () => {
    const unknown = failure(502, 'something_new', 'It broke.', { hint: 'Try later.', title: 'Broken' });
    expect(failureText('zh-CN', unknown)).toEqual({ title: 'Broken', message: 'It broke.', hint: 'Try later.' });
  });
});
