/** Markup that is already safe to write into a page: built only by `html`, never from a plain string. */
export class SafeHtml {
  readonly #markup: string;
  private constructor(markup: string) {
    this.#markup = markup;
  }
  /** @internal Used by `html` only: the one way in. */
  static fromTrusted(markup: string): SafeHtml {
    return new SafeHtml(markup);
  }
  toString(): string {
    return this.#markup;
  }
}

/** What may be interpolated: text (escaped), numbers, markup built by `html`, lists of those, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML text node or a quoted attribute value.
 *
 * @example
 * escapeHtml('<b>') // '&lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(renderValue).join('');
  return escapeHtml(String(value));
}

/**
 * A tagged template for markup: every interpolation is escaped unless it is itself `html`.
 * Attribute values must be quoted in the template (`value="${email}"`).
 *
 * @example
 * const row = html`<td>${session.userAgent}</td>`; // a user agent of "<script>" stays text
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += renderValue(value) + (strings[index + 1] ?? '');
  });
  return SafeHtml.fromTrusted(markup);
}
