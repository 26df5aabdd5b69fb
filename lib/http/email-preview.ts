/**
 * An email's HTML as the connector page shows it: in a frame from `srcdoc`, sandboxed without
 * scripts. A srcdoc document lives under the page's own Content-Security-Policy, which allows
 * style blocks only with the page's nonce, so the email's `<style>` blocks are given it: a
 * template styled in its head previews as a mail client shows it, not bare. Scripts stay off
 * whatever the HTML says: the sandbox forbids them.
 */
export function emailPreviewHtml(html: string, styleNonce: string | undefined): string {
  if (!styleNonce) return html;
  return html.replace(/<style(?=[\s>/])/gi, (tag) => `${tag} nonce="${styleNonce}"`);
}

/** The nonce in a policy proxy.ts built; the page reads it from the request's CSP header. */
export function nonceOf(policy: string | null | undefined): string | undefined {
  return policy ? /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] : undefined;
}
