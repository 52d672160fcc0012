// The token inspector page: decodes what is pasted, entirely in this page. The one request it makes
// is this server's public key set.
import { inspectToken, type JsonWebKeySet, type TokenInspection } from '../inspect-token.js';

const input = document.getElementById('token') as HTMLTextAreaElement;
const summary = document.getElementById('inspect-summary') as HTMLElement;
const headerBox = document.getElementById('inspect-header') as HTMLElement;
const claimsBox = document.getElementById('inspect-claims') as HTMLElement;
const signatureBox = document.getElementById('inspect-signature') as HTMLElement;
const warningsBox = document.getElementById('inspect-warnings') as HTMLElement;

let jwks: Promise<JsonWebKeySet | null> | null = null;
function loadJwks(): Promise<JsonWebKeySet | null> {
  jwks ??= fetch('/.well-known/jwks.json', { credentials: 'omit', cache: 'no-cache' })
    .then((response) => (response.ok ? (response.json() as Promise<JsonWebKeySet>) : null))
    .catch(() => null);
  return jwks;
}

function element(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function empty(box: HTMLElement, text = '—'): void {
  box.replaceChildren(element('p', text, 'empty'));
}

function json(value: unknown): HTMLElement {
  return element('pre', JSON.stringify(value, null, 2));
}

function render(result: TokenInspection): void {
  if (result.error !== null) {
    summary.textContent = result.error;
    summary.className = input.value.trim() === '' ? 'status neutral' : 'status invalid';
    for (const box of [headerBox, claimsBox, signatureBox, warningsBox]) empty(box);
    return;
  }
  headerBox.replaceChildren(json(result.header));
  claimsBox.replaceChildren(
    result.claims === null ? element('p', 'Not JSON.', 'empty') : json(result.claims),
  );
  if (result.times.length > 0) {
    const list = element('ul', undefined, 'times');
    for (const time of result.times) {
      const item = element('li');
      const when = element('time', time.inWords);
      when.setAttribute('datetime', time.iso);
      item.append(element('code', time.claim), ' ', when, element('span', time.iso, 'sub'));
      list.append(item);
    }
    claimsBox.append(list);
  }
  const { status, message } = result.signature;
  const label =
    status === 'valid'
      ? 'Valid signature'
      : status === 'invalid'
        ? 'Invalid signature'
        : status === 'unknown-key'
          ? 'Unknown key'
          : 'Not checked';
  const tone =
    status === 'valid' ? 'valid' : status === 'invalid' || status === 'unknown-key' ? 'invalid' : 'neutral';
  signatureBox.replaceChildren(element('p', label, `status ${tone}`), element('p', message));
  signatureBox.dataset['status'] = status;
  if (result.warnings.length === 0) {
    empty(warningsBox, 'No warnings.');
  } else {
    const list = element('ul', undefined, 'warnings');
    for (const warning of result.warnings) {
      const item = element('li', warning.message);
      item.dataset['code'] = warning.code;
      list.append(item);
    }
    warningsBox.replaceChildren(list);
  }
  summary.textContent = result.valid
    ? 'This token is valid: signed by our key, with nothing to warn about.'
    : status === 'valid'
      ? `Signed by our key, with ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}.`
      : `${label}. ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}.`;
  summary.className = `status ${result.valid ? 'valid' : status === 'valid' ? 'neutral' : tone}`;
}

let latest = 0;
async function update(): Promise<void> {
  const run = (latest += 1);
  const result = await inspectToken(input.value, { jwks: await loadJwks(), now: new Date() });
  if (run === latest) render(result); // a slower, older run never overwrites a newer one
}

input.addEventListener('input', () => void update());
if (input.value !== '') void update();
