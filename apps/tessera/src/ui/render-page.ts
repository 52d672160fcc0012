import { html, type SafeHtml } from './html.js';

/** A message shown at the top of a page: an error (`role="alert"`) or a notice (`role="status"`). */
export type PageMessage = { kind: 'alert'; code: string; text: string } | { kind: 'notice'; text: string };

/** What every page is made of. */
export interface PageOptions {
  title: string;
  /** Which header link is the current page. */
  current: 'login' | 'register' | 'account' | 'inspect' | null;
  signedIn: boolean;
  /** Narrow column for the sign-in forms. */
  narrow?: boolean;
  message?: PageMessage | null;
  /** Module scripts under `/ui/` (no inline script: the CSP forbids it). */
  scripts?: readonly string[];
  /** `data-*` attributes for the page's script, on `<body>`. */
  data?: Readonly<Record<string, string>>;
  content: SafeHtml;
}

/**
 * Renders a message box. Errors carry their problem code in `data-code` for scripts and tests.
 *
 * @example
 * renderMessage({ kind: 'notice', text: 'Password changed.' })
 */
export function renderMessage(message: PageMessage | null | undefined): SafeHtml {
  if (message === null || message === undefined) return html``;
  return message.kind === 'alert'
    ? html`<div class="alert" role="alert" data-code="${message.code}">${message.text}</div>`
    : html`<div class="notice" role="status">${message.text}</div>`;
}

/**
 * The "new password" field of every form that sets one (change, reset), with the hint under it.
 *
 * @example
 * html`<form …>${renderNewPasswordField('At least 8 characters.')}<button>Save</button></form>`
 */
export function renderNewPasswordField(hint: string): SafeHtml {
  return html`<div class="field">
    <label for="newPassword">New password</label>
    <input
      id="newPassword"
      name="newPassword"
      type="password"
      autocomplete="new-password"
      required
      aria-describedby="new-password-hint"
    />
    <p class="hint" id="new-password-hint">${hint}</p>
  </div>`;
}

/**
 * A whole HTML document: header with the product name and navigation, the page's content.
 *
 * @example
 * renderPage({ title: 'Sign in', current: 'login', signedIn: false, content: html`<p>…</p>` })
 */
export function renderPage(options: PageOptions): string {
  const link = (href: string, label: string, page: PageOptions['current']) =>
    html`<a href="${href}" ${options.current === page ? html` aria-current="page"` : ''}>${label}</a>`;
  const nav = options.signedIn
    ? [link('/account', 'Account', 'account'), link('/inspect', 'Token inspector', 'inspect')]
    : [
        link('/login', 'Sign in', 'login'),
        link('/register', 'Create account', 'register'),
        link('/inspect', 'Token inspector', 'inspect'),
      ];
  const data = Object.entries(options.data ?? {}).map(([name, value]) => html` data-${name}="${value}"`);
  const scripts = (options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`);
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${options.title} · Tessera</title>
<link rel="stylesheet" href="/ui/tessera.css">
<link rel="icon" href="data:,">
${scripts}
</head>
<body${data}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="site-header-inner">
<a class="brand" href="/"><span class="brand-mark" aria-hidden="true"><span></span><span></span><span></span><span></span></span>Tessera</a>
<nav class="site-nav" aria-label="Main">${nav}</nav>
</div>
</header>
<main id="main"${options.narrow === true ? html` class="narrow"` : ''}>
${renderMessage(options.message)}
${options.content}
</main>
</body>
</html>`.toString()}\n`;
}
