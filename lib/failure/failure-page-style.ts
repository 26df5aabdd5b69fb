// Relative: next.config.ts loads this module through lib/http/security-headers.ts, and its loader
// resolves no '@/' paths; so the style lives apart from the page, which reads the catalogues.
import { cspHash } from '../http/csp-hash';

/**
 * The one style block of the pages route handlers answer with (failure-page.ts). They cannot
 * render the React layout or its Tailwind sheet, so this block redraws the app's shell (header,
 * language switch, card, footer) with the same colours, light and dark, and the same breakpoint.
 */
export const htmlPageStyles = `
:root{color-scheme:light dark;--bg:#f8fafc;--bar:rgb(255 255 255 / .8);--card:#fff;--text:#0f172a;--muted:#475569;--nav:#334155;--hover:#f1f5f9;--line:#e2e8f0;--edge:#cbd5e1;--accent:#4f46e5;--ring:#6366f1;--pressed:#eef2ff;--pressed-text:#3730a3}
@media (prefers-color-scheme:dark){:root{--bg:#020617;--bar:rgb(15 23 42 / .8);--card:#0f172a;--text:#f1f5f9;--muted:#cbd5e1;--nav:#cbd5e1;--hover:#1e293b;--line:#1e293b;--edge:#334155;--pressed:#1e1b4b;--pressed-text:#c7d2fe}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;flex-direction:column;background:var(--bg);color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
a:focus-visible,button:focus-visible{outline:3px solid var(--ring);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}.sr-only:focus{width:auto;height:auto;margin:0;overflow:visible;clip:auto;white-space:normal;left:16px;top:16px;z-index:10;background:#fff;color:#0f172a;padding:8px 12px;border-radius:6px}
header{border-bottom:1px solid var(--line);background:var(--bar)}
.bar{margin:0 auto;width:100%;max-width:48rem;display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:12px 16px}
.brand{display:flex;align-items:center;gap:8px;white-space:nowrap;border-radius:6px;font-size:.9375rem;font-weight:600;letter-spacing:-.025em;color:inherit;text-decoration:none}
.brand span{display:grid;place-items:center;width:28px;height:28px;border-radius:8px;background:var(--accent);color:#fff;font-size:.875rem}
.switch{display:flex;align-items:center;gap:2px;margin:0 0 0 auto}
.switch button{font:inherit;font-size:.875rem;font-weight:500;line-height:1.43;white-space:nowrap;border:0;border-radius:6px;padding:6px;background:none;color:var(--nav);cursor:pointer}
.switch button:hover{background:var(--hover)}.switch button[aria-pressed=true]{background:var(--pressed);color:var(--pressed-text)}
nav{order:1;width:100%}nav ul{display:flex;flex-wrap:wrap;justify-content:space-between;margin:0 -6px;padding:0;list-style:none;font-size:.875rem;line-height:1.43}
nav a{display:block;white-space:nowrap;border-radius:6px;padding:8px 6px;color:var(--nav);text-decoration:none}nav a:hover{background:var(--hover);color:var(--text)}
main{margin:0 auto;width:100%;max-width:48rem;flex:1;padding:40px 16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:32px;box-shadow:0 1px 2px rgb(0 0 0 / .05)}
.card .status{margin:0;font-size:.875rem;font-weight:500;color:var(--muted)}
h1{font-size:1.5rem;line-height:1.33;font-weight:700;letter-spacing:-.025em;margin:4px 0 8px;overflow-wrap:anywhere}
.card p{margin:0 0 12px;color:var(--muted);overflow-wrap:anywhere}code{font-size:.85em}
ul.items{margin:0 0 12px;padding-left:1.25rem;color:var(--muted)}ul.items li{margin:4px 0;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:24px}
.button{display:inline-flex;align-items:center;justify-content:center;padding:10px 16px;border-radius:8px;font-size:.875rem;font-weight:600;line-height:1.43;text-decoration:none;border:1px solid var(--edge);background:var(--card);color:var(--text)}
.button:hover{background:var(--hover)}.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}.button.primary:hover{background:#4338ca}
footer{border-top:1px solid var(--line);padding:24px 16px;text-align:center;font-size:.875rem;line-height:1.43;color:var(--muted)}
footer a{color:inherit;text-decoration:underline;text-decoration-color:#94a3b8;text-underline-offset:2px}footer a:hover{color:var(--text)}
@media (min-width:40rem){.bar{padding:12px 24px}.brand{font-size:1rem}.switch button{padding:6px 8px}nav{order:0;width:auto}nav ul{margin:0;justify-content:flex-start}nav a{padding:8px}main{padding:64px 24px}}
`;

/** The block's hash, which the CSP that `proxy.ts` sets allows (lib/http/security-headers.ts). */
export const htmlPageStyleHash = cspHash(htmlPageStyles);
