import { html, type SafeHtml } from './html.js';
import { renderMessage, renderPage, type PageMessage } from './render-page.js';
import { renderProviderButtons, type UiProvider } from './render-provider-buttons.js';

/** The script behind the passkey buttons (compiled from `browser/passkeys.ts`). */
export const PASSKEYS_SCRIPT = '/ui/js/browser/passkeys.js';

// Hidden until the script finds WebAuthn in the browser: without JavaScript there is no button to press.
function renderPasskeySignIn(): SafeHtml {
  return html`<div id="passkey-sign-in" hidden>
      <p class="or">or</p>
      <button type="button" id="passkey-login" class="secondary full">Sign in with a passkey</button>
      <div id="passkey-status" role="status"></div>
    </div>
    <noscript><p class="hint">Passkeys need JavaScript: sign in with your password.</p></noscript>`;
}

/** What the sign-in and registration forms are drawn with. */
export interface SignInPageOptions {
  /** Login or registration. */
  form: 'login' | 'register';
  /** The email the user typed, kept after a failure; the password never is. */
  email?: string;
  message?: PageMessage | null;
  /** Configured sign-in providers (`TESSERA_OAUTH_PROVIDERS`): a button each. */
  providers?: readonly UiProvider[];
  /** Passkeys are on: the sign-in form gets a "Sign in with a passkey" button (shown by its script). */
  passkeys?: boolean;
}

/**
 * The sign-in page (`GET /login`) or the registration page (`GET /register`): one card, one form
 * that posts without JavaScript.
 *
 * @example
 * renderSignInPage({ form: 'login', email: 'ada@example.com', message: { kind: 'alert', code: 'invalid_credentials', text: '…' } })
 */
export function renderSignInPage(options: SignInPageOptions): string {
  const login = options.form === 'login';
  const content = html`<h1>${login ? 'Sign in' : 'Create your account'}</h1>
    <p class="lead">
      ${login ? 'Welcome back. Sign in with your email and password.' : 'One account for every app that trusts Tessera.'}
    </p>
    <div class="card">
      ${renderMessage(options.message)}
      <form
        id="${login ? 'login-form' : 'register-form'}"
        method="post"
        action="${login ? '/login' : '/register'}"
        novalidate
      >
        <div class="field">
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxlength="254"
            value="${options.email ?? ''}"
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="${login ? 'current-password' : 'new-password'}"
            required${login ? '' : html` aria-describedby="password-hint"`}
          />
          ${login ? '' : html`<p class="hint" id="password-hint">At least 8 characters. A phrase of a few words is easy to remember and hard to guess.</p>`}
        </div>
        <button type="submit" class="full">${login ? 'Sign in' : 'Create account'}</button>
      </form>
      ${login ? html`<p class="switch"><a href="/forgot-password" id="forgot-link">Forgot password?</a></p>` : ''}
      ${renderProviderButtons(options.providers ?? [])}
      ${login && options.passkeys === true ? renderPasskeySignIn() : ''}
    </div>
    <p class="switch">
      ${login ? html`New here? <a href="/register">Create an account</a>` : html`Already have an account? <a href="/login">Sign in</a>`}
    </p>`;
  return renderPage({
    ...(login && options.passkeys === true ? { scripts: [PASSKEYS_SCRIPT] } : {}),
    title: login ? 'Sign in' : 'Create account',
    current: login ? 'login' : 'register',
    signedIn: false,
    narrow: true,
    content,
  });
}
