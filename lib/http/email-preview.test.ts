import { describe, expect, it } from 'vitest';

import { emailPreviewHtml, nonceOf } from './email-preview';
import { contentSecurityPolicy } from './security-headers';

describe('emailPreviewHtml', () => {
  it("gives every style block the page's nonce, whatever its case or attributes", () => {
    const html = '<html><head><style>p{color:red}</style><STYLE type="text/css">b{}</STYLE></head><body><p style="x">hi</p></body></html>';
    expect(emailPreviewHtml(html, 'n0nce')).toBe(
      '<html><head><style nonce="n0nce">p{color:red}</style><STYLE nonce="n0nce" type="text/css">b{}</STYLE></head><body><p style="x">hi</p></body></html>',
    );
  });

  it('leaves other tags alone, stylesheet links and look-alike names included', () => {
    const html = '<link rel="stylesheet" href="https://cdn.example/a.css"><styles>no</styles><p>style</p>';
    expect(emailPreviewHtml(html, 'n0nce')).toBe(html);
  });

  it('changes nothing without a nonce (next dev allows inline styles anyway)', () => {
    expect(emailPreviewHtml('<style>p{}</style>', undefined)).toBe('<style>p{}</style>');
  });
});

describe('nonceOf', () => {
  it('reads the nonce back from the policy the proxy builds', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc123def', development: false, https: false });
    expect(nonceOf(policy)).toBe('abc123def');
  });

  it('finds none in a policy without one, or no policy', () => {
    expect(nonceOf(contentSecurityPolicy({ development: false, https: false }))).toBeUndefined();
    expect(nonceOf(null)).toBeUndefined();
  });
});
