// The passkey buttons of the sign-in and account pages. Everything else on those pages works without
// JavaScript; passkeys cannot (WebAuthn is a browser API), so their controls are hidden in the markup
// and shown here, only when the browser has WebAuthn. The ceremonies go through @simplewebauthn/browser
// (served as ES modules at /ui/webauthn.js) and the JSON API, on this same origin.

/** What this script uses of `/ui/webauthn.js` (the ES modules of @simplewebauthn/browser). */
interface WebAuthnModule {
  browserSupportsWebAuthn(): boolean;
  startRegistration(options: { optionsJSON: unknown }): Promise<unknown>;
  startAuthentication(options: { optionsJSON: unknown }): Promise<unknown>;
}

interface ApiAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

const WEBAUTHN_URL = '/ui/webauthn.js';
const webauthn = (await import(WEBAUTHN_URL)) as WebAuthnModule;
const status = document.getElementById('passkey-status');

/** Calls the JSON API on this origin with the page's cookies. */
async function callApi(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed };
}

/** Shows one line in the status box (an error is an alert, with its problem code for tests). */
function say(kind: 'alert' | 'notice', text: string, code = ''): void {
  if (status === null) return;
  status.replaceChildren();
  const box = document.createElement('div');
  box.className = kind;
  box.textContent = text;
  if (code !== '') box.dataset['code'] = code;
  status.append(box);
}

/** The account page's "confirm it is you" page (DESIGN §9): the same one the forms go to. */
const REAUTHENTICATE_PATH = '/account/reauthenticate';

/** A sensitive action the sign-in is too old for: off to confirm, then the user tries again. */
function sentToReauthenticate(answer: ApiAnswer): boolean {
  if (answer.status !== 403 || answer.body?.['code'] !== 'reauthentication_required') return false;
  location.assign(REAUTHENTICATE_PATH);
  return true;
}

function refused(answer: ApiAnswer, fallback: string): void {
  const detail = typeof answer.body?.['detail'] === 'string' ? answer.body['detail'] : fallback;
  const code = typeof answer.body?.['code'] === 'string' ? answer.body['code'] : '';
  say('alert', detail, code);
}

/** The browser's own refusal (the user closed the prompt, no authenticator, …) in words. */
function browserRefusal(error: unknown): void {
  const name = error instanceof Error ? error.name : '';
  say(
    'alert',
    name === 'NotAllowedError'
      ? 'The passkey prompt was closed or timed out. Try again when you are ready.'
      : 'This browser could not use a passkey here.',
    'passkey_cancelled',
  );
}

async function signIn(): Promise<void> {
  const options = await callApi('POST', '/auth/passkeys/login/options');
  if (options.status !== 200) {
    refused(options, 'Passkey sign-in is not available.');
    return;
  }
  let response: unknown;
  try {
    response = await webauthn.startAuthentication({ optionsJSON: options.body });
  } catch (error) {
    browserRefusal(error);
    return;
  }
  const answer = await callApi('POST', '/auth/passkeys/login', { response });
  if (answer.status === 200) {
    location.assign('/account');
    return;
  }
  refused(answer, 'That passkey could not sign you in.');
}

async function addPasskey(name: string): Promise<void> {
  const options = await callApi('POST', '/auth/passkeys/register/options');
  if (options.status !== 200) {
    if (sentToReauthenticate(options)) return;
    refused(options, 'A passkey cannot be added right now.');
    return;
  }
  let response: unknown;
  try {
    response = await webauthn.startRegistration({ optionsJSON: options.body });
  } catch (error) {
    browserRefusal(error);
    return;
  }
  const answer = await callApi(
    'POST',
    '/auth/passkeys/register',
    name === '' ? { response } : { response, name },
  );
  if (answer.status === 201) {
    location.reload();
    return;
  }
  refused(answer, 'The passkey could not be added.');
}

async function renamePasskey(id: string, name: string): Promise<void> {
  const answer = await callApi('POST', `/auth/passkeys/${encodeURIComponent(id)}`, { name });
  if (answer.status === 200) {
    location.reload();
    return;
  }
  refused(answer, 'The passkey could not be renamed.');
}

async function removePasskey(id: string): Promise<void> {
  const answer = await callApi('DELETE', `/auth/passkeys/${encodeURIComponent(id)}`);
  if (answer.status === 204) {
    location.reload();
    return;
  }
  if (sentToReauthenticate(answer)) return;
  refused(answer, 'The passkey could not be removed.');
}

/** Runs one action at a time: the buttons wait while a ceremony is open. */
function guarded(action: () => Promise<void>): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    action()
      .catch(() => say('alert', 'The server could not be reached. Try again.', 'network_error'))
      .finally(() => {
        running = false;
      });
  };
}

function reveal(element: Element | null): void {
  if (element instanceof HTMLElement) element.hidden = false;
}

if (webauthn.browserSupportsWebAuthn()) {
  const signInBox = document.getElementById('passkey-sign-in');
  const loginButton = document.getElementById('passkey-login');
  if (signInBox !== null && loginButton !== null) {
    reveal(signInBox);
    loginButton.addEventListener('click', guarded(signIn));
  }

  const addForm = document.getElementById('passkey-add-form');
  if (addForm instanceof HTMLFormElement) {
    reveal(addForm);
    const nameInput = addForm.elements.namedItem('name');
    addForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = nameInput instanceof HTMLInputElement ? nameInput.value.trim() : '';
      guarded(() => addPasskey(name))();
    });
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('form.passkey-rename')) {
    reveal(form);
    form.previousElementSibling?.setAttribute('hidden', '');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = form.elements.namedItem('name');
      const id = form.dataset['passkeyId'] ?? '';
      if (input instanceof HTMLInputElement) guarded(() => renamePasskey(id, input.value))();
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.passkey-remove')) {
    reveal(button);
    const id = button.dataset['passkeyId'] ?? '';
    button.addEventListener(
      'click',
      guarded(() => removePasskey(id)),
    );
  }
}
