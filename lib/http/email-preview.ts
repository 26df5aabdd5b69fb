import { Parser } from 'htmlparser2';

/**
 * An email's HTML as the connector page shows it: in a frame from `srcdoc`, sandboxed without
 * scripts. A srcdoc document lives under the page's own Content-Security-Policy, which allows
 * style blocks only with the page's style nonce, so the email's `<style>` elements are given it:
 * a template styled in its head previews as a mail client shows it, not bare. The style nonce is
 * not the script nonce (proxy.ts draws both), and only real `<style>` start tags get it, as an
 * HTML parser finds them: `<script <style>` is a script tag, and text inside a comment, a script
 * or a style is not markup. Scripts stay off whatever the HTML says: the sandbox forbids them.
 */
export function emailPreviewHtml(html: string, styleNonce: string | undefined): string {
  if (!styleNonce) return html;
  const starts: number[] = [];
  const parser = new Parser(
    {
      onopentagname(name) {
        // startIndex is the tag's "<"; a tag the parser made up (none is) would not start with it.
        if (name === 'style' && html.slice(parser.startIndex, parser.startIndex + 6).toLowerCase() === '<style') starts.push(parser.startIndex);
      },
    },
    { lowerCaseTags: true },
  );
  parser.end(html);
  let result = html;
  // From the last, so that earlier offsets stay right.
  for (const start of starts.reverse()) result = `${result.slice(0, start + 6)} nonce="${styleNonce}"${result.slice(start + 6)}`;
  return result;
}

/** The style nonce in a policy proxy.ts built; the page reads it from the request's CSP header. */
export function styleNonceOf(policy: string | null | undefined): string | undefined {
  const styleSources = policy?.split(';').find((directive) => directive.trim().startsWith('style-src '));
  return styleSources ? /'nonce-([A-Za-z0-9+/=]+)'/.exec(styleSources)?.[1] : undefined;
}
