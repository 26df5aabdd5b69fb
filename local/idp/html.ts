/**
 * A tiny HTML template tag: every interpolated value is escaped unless it is itself the
 * result of `html`, so user input (an email address, an error text) can never inject markup.
 */

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function renderValue(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  // Lets templates write `${condition && html`...`}`.
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, index) => out + renderValue(values[index - 1]) + part));
}

/**
 * One phrase in Logto's conventions as HTML: `{{name}}` (or `{{name, format}}`) takes
 * `values[name]`, escaped unless it is `html`; the text inside `<a>…</a>` goes to `link`.
 * The phrase's own text is escaped too: catalogues never carry markup.
 */
export function phraseHtml(phrase: string, values: Record<string, unknown> = {}, link?: (inner: SafeHtml) => SafeHtml): SafeHtml {
  const fillText = (text: string) =>
    text
      .split(/(\{\{[^}]*\}\})/)
      .map((piece) => {
        const name = /^\{\{\s*(\w+)/.exec(piece)?.[1];
        return name !== undefined && name in values ? renderValue(values[name]) : escapeHtml(piece);
      })
      .join('');
  const parts = phrase.split(/<a>([\s\S]*?)<\/a>/);
  return new SafeHtml(parts.map((part, index) => (index % 2 === 1 && link ? link(new SafeHtml(fillText(part))).value : fillText(part))).join(''));
}
