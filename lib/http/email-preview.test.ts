import { describe, expect, it } from 'vitest';

import { emailPreviewHtml, styleNonceOf } from './email-preview';
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

  it('gives the nonce only to real style elements: not to a script tag with "<style" in it, nor to text in a comment, script or style', () => {
    const html = '<script <style >alert(1)</script><!-- <style> --><style>/* <style> */</style><script>"<style>"</script><p>&lt;style&gt;</p>';
    expect(emailPreviewHtml(html, 'n0nce')).toBe(
      '<script <style >alert(1)</script><!-- <style> --><style nonce="n0nce">/* <style> */</style><script>"<style>"</script><p>&lt;style&gt;</p>',
    );
  });

  it('changes nothing without a nonce (next dev allows inline styles anyway)', () => {
    expect(emailPreviewHtml('<style>p{}</style>', undefined)).toBe('<style>p{}</style>');
  });
});

describe('styleNonceOf', () => {
  it('reads the style nonce back from the policy the proxy builds, never the script nonce', () => {
    const policy = contentSecurityPolicy({ nonce: 'script123', styleNonce: 'style456', development: false, https: false });
    expect(styleNonceOf(policy)).toBe('style456');
    expect(policy).toMatch(/script-src [^;]*'nonce-script123'/);
    expect(policy).not.toMatch(/style-src [^;]*'nonce-script123'/);
    expect(policy).not.toMatch(/script-src [^;]*'nonce-style456'/);
  });

  it('finds none in a policy without one, or no policy', () => {
    expect(styleNonceOf(contentSecurityPolicy({ development: false, https: false }))).toBeUndefined();
    expect(styleNonceOf(null)).toBeUndefined();
  });
});
