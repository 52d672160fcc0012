/**
 * The web UI's one stylesheet, served as `/ui/tessera.css`. Kept as a string so the server has no
 * file to find at run time. System fonts, light and dark from the system, a visible focus ring.
 */
export const UI_STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --text: #17191c;
  --muted: #5b6270;
  --border: #dde1e7;
  --accent: #3b4fd8;
  --accent-text: #ffffff;
  --accent-hover: #2f40b8;
  --danger: #b42318;
  --danger-bg: #fef3f2;
  --danger-border: #f5c2bd;
  --ok: #067647;
  --ok-bg: #ecfdf3;
  --ok-border: #abefc6;
  --warn: #93370d;
  --warn-bg: #fffaeb;
  --warn-border: #fedf89;
  --code-bg: #f1f3f6;
  --focus: #3b4fd8;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.06), 0 1px 3px rgba(16, 24, 40, 0.08);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115;
    --surface: #171a21;
    --text: #e8eaee;
    --muted: #a2a9b6;
    --border: #2b303b;
    --accent: #8b9bff;
    --accent-text: #0f1115;
    --accent-hover: #a7b3ff;
    --danger: #ff9c92;
    --danger-bg: #2a1513;
    --danger-border: #5c2520;
    --ok: #75e0a7;
    --ok-bg: #0f2419;
    --ok-border: #1f4d35;
    --warn: #fec84b;
    --warn-bg: #2a2110;
    --warn-border: #5c4715;
    --code-bg: #0f1115;
    --focus: #8b9bff;
    --shadow: none;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-hover); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--surface); padding: 0.5rem 0.75rem; z-index: 10; }
.site-header {
  background: var(--surface);
  border-bottom: 1px solid var(--border);
}
.site-header-inner {
  max-width: 60rem;
  margin: 0 auto;
  padding: 0.875rem 1.25rem;
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 1rem;
}
.brand {
  display: inline-flex;
  align-items: center;
  gap: 0.5rem;
  font-weight: 650;
  font-size: 1.125rem;
  color: var(--text);
  text-decoration: none;
  letter-spacing: -0.01em;
}
.brand-mark {
  width: 1.5rem;
  height: 1.5rem;
  border-radius: 6px;
  background: var(--accent);
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 2px;
  padding: 4px;
}
.brand-mark span { background: var(--accent-text); border-radius: 1px; opacity: 0.9; }
.brand-mark span:nth-child(2), .brand-mark span:nth-child(3) { opacity: 0.45; }
.site-nav { display: flex; gap: 1.25rem; font-size: 0.9375rem; }
.site-nav a { color: var(--muted); text-decoration: none; }
.site-nav a:hover, .site-nav a[aria-current="page"] { color: var(--text); }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
main.narrow { max-width: 26rem; }
h1 { font-size: 1.625rem; line-height: 1.25; margin: 0 0 0.25rem; letter-spacing: -0.015em; }
h2 { font-size: 1.125rem; margin: 0 0 0.75rem; }
.lead { color: var(--muted); margin: 0 0 1.5rem; }
.card {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
  padding: 1.5rem;
  margin-bottom: 1.25rem;
}
.card > :last-child { margin-bottom: 0; }
.card { min-width: 0; overflow-wrap: anywhere; }
.field { margin-bottom: 1rem; }
label { display: block; font-weight: 550; margin-bottom: 0.375rem; font-size: 0.9375rem; }
.hint { color: var(--muted); font-size: 0.875rem; margin: 0.375rem 0 0; }
input[type="email"], input[type="password"], input[type="text"], textarea {
  width: 100%;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
  padding: 0.625rem 0.75rem;
}
input:focus-visible, textarea:focus-visible { outline-offset: 0; border-color: var(--focus); }
textarea {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.875rem;
  min-height: 8rem;
  resize: vertical;
  word-break: break-all;
}
button {
  font: inherit;
  font-weight: 600;
  border-radius: 8px;
  padding: 0.625rem 1rem;
  cursor: pointer;
  border: 1px solid transparent;
  background: var(--accent);
  color: var(--accent-text);
}
button:hover { background: var(--accent-hover); }
button.full { width: 100%; }
button.secondary { background: var(--surface); color: var(--text); border-color: var(--border); }
button.secondary:hover { background: var(--bg); }
button.danger { background: var(--surface); color: var(--danger); border-color: var(--danger-border); }
button.danger:hover { background: var(--danger-bg); }
button.small { padding: 0.375rem 0.75rem; font-size: 0.875rem; }
a.link-button {
  display: block; text-align: center; font-weight: 600; border-radius: 8px; padding: 0.625rem 1rem;
  background: var(--accent); color: var(--accent-text); text-decoration: none;
}
.qr-code { display: block; margin: 0 auto 1rem; background: #fff; border-radius: 8px; }
.recovery-codes { columns: 2; margin: 0 0 1.25rem; padding-left: 1.75rem; }
.recovery-codes code, .totp-secret { font-weight: 600; letter-spacing: 0.04em; }
.switch { text-align: center; color: var(--muted); margin-top: 1.25rem; font-size: 0.9375rem; }
.divider { display: flex; align-items: center; gap: 0.75rem; color: var(--muted); font-size: 0.875rem; margin: 1.25rem 0 0.75rem; }
.divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid var(--border); }
.provider-button {
  display: flex; align-items: center; justify-content: center; gap: 0.5rem; margin-top: 0.5rem;
  border: 1px solid var(--border); border-radius: 8px; padding: 0.625rem 1rem;
  color: var(--text); background: var(--surface); font-weight: 600; text-decoration: none;
}
.provider-button:hover { background: var(--bg); }
.provider-mark {
  display: inline-flex; align-items: center; justify-content: center; width: 1.5rem; height: 1.5rem;
  border-radius: 50%; border: 1px solid var(--border); font-size: 0.8125rem;
}
.alert, .notice {
  border-radius: 8px;
  padding: 0.75rem 1rem;
  margin-bottom: 1.25rem;
  border: 1px solid;
}
.alert { color: var(--danger); background: var(--danger-bg); border-color: var(--danger-border); }
.notice { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-border); }
.alert strong, .notice strong { display: block; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.375rem 1.25rem; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.badge {
  display: inline-block;
  font-size: 0.75rem;
  font-weight: 600;
  padding: 0.125rem 0.5rem;
  border-radius: 999px;
  border: 1px solid var(--border);
  color: var(--muted);
  margin-right: 0.25rem;
}
.badge.current { color: var(--ok); border-color: var(--ok-border); background: var(--ok-bg); }
.table-wrap { overflow-x: auto; margin: 0 -1.5rem; padding: 0 1.5rem; }
table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.04em; }
th, td { padding: 0.75rem 0.75rem 0.75rem 0; border-bottom: 1px solid var(--border); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
td:last-child, th:last-child { text-align: right; padding-right: 0; }
.device { font-weight: 600; }
.sub { color: var(--muted); font-size: 0.875rem; }
.row-actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1.25rem; margin-bottom: 1.25rem; }
.card .alert { margin-bottom: 1.25rem; }
.grid-2 > .card { margin-bottom: 0; }
.stack > * + * { margin-top: 1.25rem; }
.panel-title { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
pre {
  margin: 0;
  background: var(--code-bg);
  border: 1px solid var(--border);
  border-radius: 8px;
  padding: 0.875rem 1rem;
  overflow-x: auto;
  font: 0.8125rem/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.status { font-weight: 600; }
.status.valid { color: var(--ok); }
.status.invalid { color: var(--danger); }
.status.neutral { color: var(--muted); }
ul.warnings { list-style: none; margin: 0; padding: 0; }
ul.warnings li {
  color: var(--warn);
  background: var(--warn-bg);
  border: 1px solid var(--warn-border);
  border-radius: 8px;
  padding: 0.5rem 0.75rem;
  margin-bottom: 0.5rem;
}
ul.times { margin: 0.75rem 0 0; padding: 0; list-style: none; }
ul.times li { padding: 0.25rem 0; }
ul.times code { display: inline-block; min-width: 3.5rem; font-weight: 600; }
ul.times .sub { margin-left: 0.5rem; }
.empty { color: var(--muted); margin: 0; }
.footer-note { color: var(--muted); font-size: 0.875rem; text-align: center; margin-top: 2rem; }
@media (max-width: 40rem) {
  main { padding-top: 1.25rem; }
  .grid-2 { grid-template-columns: 1fr; }
  .card { padding: 1.125rem; }
  .table-wrap { margin: 0 -1.125rem; padding: 0 1.125rem; }
  thead { display: none; }
  table, tbody, tr, td { display: block; width: 100%; }
  tr { border-bottom: 1px solid var(--border); padding: 0.75rem 0; }
  tr:last-child { border-bottom: 0; }
  td { border: 0; padding: 0.125rem 0; text-align: left; }
  td[data-label]::before { content: attr(data-label); color: var(--muted); display: inline-block; min-width: 6.5rem; }
  td:last-child { text-align: left; padding-top: 0.5rem; }
}
@media (prefers-reduced-motion: no-preference) {
  button, a { transition: background-color 120ms ease, color 120ms ease; }
}
/* Parts only a script can use (the passkey buttons) stay hidden until it shows them. */
[hidden] { display: none !important; }
.passkey-rename { display: flex; gap: 0.5rem; align-items: center; }
.passkey-rename input { max-width: 14rem; padding: 0.375rem 0.5rem; }
#passkey-add-form { margin-top: 1rem; }
#passkey-add-form input { max-width: 20rem; }
.or { text-align: center; color: var(--muted); margin: 1rem 0; font-size: 0.875rem; }
`;
