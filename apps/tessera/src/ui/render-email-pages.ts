import { html, type SafeHtml } from './html.js';
import { renderMessage, renderNewPasswordField, renderPage, type PageMessage } from './render-page.js';

function narrowPage(title: string, content: SafeHtml, signedIn = false): string {
  return renderPage({ title, current: null, signedIn, narrow: true, content });
}

/**
 * `GET /forgot-password`: one field; after the post, the same page says a link is on its way
 * (whether or not the account exists, as the API answers).
 *
 * @example
 * renderForgotPasswordPage({ email: '', message: null, sent: false })
 */
export function renderForgotPasswordPage(options: {
  email: string;
  message: PageMessage | null;
  sent: boolean;
}): string {
  const content = options.sent
    ? html`<h1>Check your email</h1>
        <div class="card">
          <div class="notice" role="status" id="forgot-sent">
            If an account uses ${options.email}, we have sent it a link to choose a new password. It works
            once, for a limited time.
          </div>
          <p><a href="/login">Back to sign in</a></p>
        </div>`
    : html`<h1>Forgot your password?</h1>
        <p class="lead">Enter your email address and we will send you a link to choose a new one.</p>
        <div class="card">
          ${renderMessage(options.message)}
          <form id="forgot-form" method="post" action="/forgot-password" novalidate>
            <div class="field">
              <label for="email">Email</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                maxlength="254"
                value="${options.email}"
              />
            </div>
            <button type="submit" class="full">Send me a link</button>
          </form>
        </div>
        <p class="switch">Remembered it? <a href="/login">Sign in</a></p>`;
  return narrowPage('Forgot password', content);
}

/**
 * `GET /reset-password?token=…`: the new-password form. Opening the page spends nothing (mail
 * scanners follow links); the token rides in a hidden field of the form the user submits.
 *
 * @example
 * renderResetPasswordPage({ token, message: null })
 */
export function renderResetPasswordPage(options: { token: string; message: PageMessage | null }): string {
  const content = html`<h1>Choose a new password</h1>
    <p class="lead">Every device signed in to your account will be signed out.</p>
    <div class="card">
      ${renderMessage(options.message)}
      <form id="reset-form" method="post" action="/reset-password">
        <input type="hidden" name="token" value="${options.token}" />
        ${renderNewPasswordField('At least 8 characters. A phrase of a few words is easy to remember and hard to guess.')}
        <button type="submit" class="full">Set new password</button>
      </form>
    </div>`;
  return narrowPage('Choose a new password', content);
}

/**
 * `GET /verify-email?token=…`: one button that confirms (a POST); opening the page spends nothing.
 *
 * @example
 * renderVerifyEmailPage({ token })
 */
export function renderVerifyEmailPage(options: { token: string }): string {
  const content = html`<h1>Confirm your email address</h1>
    <div class="card">
      <p>Press the button to confirm that this address is yours.</p>
      <form id="verify-form" method="post" action="/verify-email">
        <input type="hidden" name="token" value="${options.token}" />
        <button type="submit" class="full">Confirm my address</button>
      </form>
    </div>`;
  return narrowPage('Confirm your email address', content);
}

/**
 * The end of an email flow: what happened, in words, and where to go next.
 *
 * @example
 * renderEmailDonePage({ title: 'Password changed', text: 'Sign in with your new password.', link: { href: '/login', label: 'Sign in' } })
 */
export function renderEmailDonePage(options: {
  title: string;
  message: PageMessage;
  link: { href: string; label: string };
}): string {
  const content = html`<h1>${options.title}</h1>
    <div class="card">
      ${renderMessage(options.message)}
      <p><a href="${options.link.href}">${options.link.label}</a></p>
    </div>`;
  return narrowPage(options.title, content);
}

/**
 * The account page's email section: a banner while the address is unverified, with a resend button
 * (no `role="status"`: it is not news of the last action), and the change-of-address form.
 *
 * @example
 * renderEmailSection({ email: 'ada@example.com', emailVerified: false })
 */
export function renderEmailSection(user: { email: string; emailVerified: boolean }): SafeHtml {
  return html`${
      user.emailVerified
        ? ''
        : html`<div class="notice" id="unverified-banner">
            Your email address is not confirmed yet. Open the link we sent to ${user.email}.
            <form method="post" action="/account/email/resend" class="inline">
              <button type="submit" class="secondary small" id="resend-button">Send the link again</button>
            </form>
          </div>`
    }
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">Email address</h2>
      <form id="email-form" method="post" action="/account/email">
        <div class="field">
          <label for="newEmail">New email address</label>
          <input
            id="newEmail"
            name="newEmail"
            type="email"
            autocomplete="email"
            required
            maxlength="254"
            aria-describedby="new-email-hint"
          />
          <p class="hint" id="new-email-hint">
            We send a link to the new address; the change happens when you open it. Your current address is
            told.
          </p>
        </div>
        <button type="submit">Change email address</button>
      </form>
    </section>`;
}
