import { renderCodeField } from './render-code-field.js';
import { html, type SafeHtml } from './html.js';
import { renderMessage, renderPage, type PageMessage } from './render-page.js';

/** The user's second factors, as `GET /auth/mfa` answers them. */
export interface AccountSecondFactors {
  totp: boolean;
  recoveryCodesLeft: number;
}

/**
 * At or below this many recovery codes the account page warns (decision 0067): three is enough to
 * get through a lost phone, and asks for new ones before the last is spent.
 */
export const FEW_RECOVERY_CODES = 3;

/** The setup page's own form posts: where the code goes, and where the first step goes again. */
export const TOTP_START_PATH = '/account/mfa/totp';
export const TOTP_CONFIRM_PATH = '/account/mfa/totp/confirm';
export const TOTP_DISABLE_PATH = '/account/mfa/totp/disable';
export const RECOVERY_CODES_PATH = '/account/mfa/recovery-codes';
export const REAUTHENTICATE_PATH = '/account/reauthenticate';

function describeCodesLeft(left: number): string {
  if (left === 0) return 'No recovery codes left.';
  return `${left} recovery code${left === 1 ? '' : 's'} left.`;
}

/**
 * The "Two-step verification" section of the account page: off with a button to set up an
 * authenticator app, or on with the recovery codes left (a warning when few), new codes, and off.
 *
 * @example
 * html`${renderSecondFactorSection({ totp: true, recoveryCodesLeft: 2 })}`
 */
export function renderSecondFactorSection(factors: AccountSecondFactors): SafeHtml {
  const left = factors.recoveryCodesLeft;
  const body = factors.totp
    ? html`<p class="sub" id="mfa-state" data-state="on">
          On: signing in asks for a code from your authenticator app.
          <span id="recovery-codes-left" data-left="${String(left)}">${describeCodesLeft(left)}</span>
        </p>
        ${
          left <= FEW_RECOVERY_CODES
            ? html`<div class="alert" id="recovery-codes-warning" data-code="recovery_codes_low">
                ${
                  left === 0
                    ? 'You have no recovery codes left: if you lose your phone, you cannot sign in. Make new ones now.'
                    : 'You are running out of recovery codes. Make new ones and keep them somewhere safe.'
                }
              </div>`
            : ''
        }
        <div class="row-actions">
          <form id="recovery-codes-form" method="post" action="${RECOVERY_CODES_PATH}">
            <button type="submit" class="secondary">New recovery codes</button>
          </form>
          <form id="totp-disable-form" method="post" action="${TOTP_DISABLE_PATH}">
            <button type="submit" class="danger">Turn off</button>
          </form>
        </div>
        <p class="hint">New recovery codes replace the old ones, which stop working.</p>`
    : html`<p class="sub" id="mfa-state" data-state="off">
          Off. Add a code from an authenticator app to your password, so a stolen password alone cannot sign
          in.
        </p>
        <form id="totp-start-form" method="post" action="${TOTP_START_PATH}">
          <button type="submit">Set up an authenticator app</button>
        </form>`;
  return html`<section class="card" id="two-step" aria-labelledby="two-step-title">
    <div class="panel-title">
      <h2 id="two-step-title">Two-step verification</h2>
      <span class="badge${factors.totp ? ' current' : ''}">${factors.totp ? 'On' : 'Off'}</span>
    </div>
    ${body}
  </section>`;
}

/** What the setup page shows: the pending secret, its QR code, and the code form. */
export interface TotpSetupPageOptions {
  secret: string;
  /** The QR code of the otpauth URI as an SVG document (shown as a `data:` image: no inline markup to police). */
  qrCodeSvg: string;
  message?: PageMessage | null;
}

/** The secret in groups of four, as authenticator apps show it: easier to type without a slip. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Step two of turning on two-step verification: scan the QR code (or type the secret), then enter
 * a code. The form sends the code only: a mistyped one shows this page again from the enrolment
 * the server holds (decision 0067).
 *
 * @example
 * renderTotpSetupPage({ secret, qrCodeSvg, message: null })
 */
export function renderTotpSetupPage(options: TotpSetupPageOptions): string {
  const qrCode = `data:image/svg+xml;base64,${Buffer.from(options.qrCodeSvg).toString('base64')}`;
  const content = html`<h1>Set up your authenticator app</h1>
    <p class="lead">
      Scan this code with an authenticator app (Google Authenticator, 1Password, Authy, …), then enter the
      6-digit code it shows.
    </p>
    <div class="card">
      ${renderMessage(options.message)}
      <img
        id="totp-qr-code"
        class="qr-code"
        src="${qrCode}"
        width="240"
        height="240"
        alt="QR code for your authenticator app"
      />
      <p class="sub">Cannot scan? Type this key into the app instead (time-based, 6 digits):</p>
      <p>
        <code id="totp-secret" class="totp-secret" data-secret="${options.secret}"
          >${groupSecret(options.secret)}</code
        >
      </p>
      <form id="totp-confirm-form" method="post" action="${TOTP_CONFIRM_PATH}" novalidate>
        ${renderCodeField({ label: 'Code from the app', maxLength: 6, sixDigits: true, autofocus: true })}
        <button type="submit" class="full">Turn on</button>
      </form>
    </div>
    <p class="switch"><a href="/account">Cancel</a></p>`;
  return renderPage({
    title: 'Set up two-step verification',
    current: 'account',
    signedIn: true,
    narrow: true,
    content,
  });
}

/**
 * The recovery codes, shown this once (the answer to the form post itself: never a redirect, a
 * URL or a cookie holding them).
 *
 * @example
 * renderRecoveryCodesPage({ recoveryCodes, justEnabled: true })
 */
export function renderRecoveryCodesPage(options: {
  recoveryCodes: readonly string[];
  justEnabled: boolean;
}): string {
  const content = html`<h1>
      ${options.justEnabled ? 'Two-step verification is on' : 'Your new recovery codes'}
    </h1>
    <p class="lead">
      Save these recovery codes somewhere safe (a password manager, or on paper). Each signs you in once when
      you do not have your phone. They are shown only
      now${options.justEnabled ? '' : '; your old codes no longer work'}.
    </p>
    <div class="card">
      <ol id="recovery-codes" class="recovery-codes">
        ${options.recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      <a class="link-button" href="/account">I have saved them</a>
    </div>`;
  return renderPage({ title: 'Recovery codes', current: 'account', signedIn: true, narrow: true, content });
}

/**
 * "Confirm it is you": asked when an account action needs a recent sign-in (DESIGN §9). The
 * password, or a code from the authenticator app when one is on; then back to the account page.
 *
 * @example
 * renderReauthenticatePage({ totp: false, message: null })
 */
export function renderReauthenticatePage(options: { totp: boolean; message?: PageMessage | null }): string {
  const content = html`<h1>Confirm it is you</h1>
    <p class="lead">
      This change needs a recent sign-in. Confirm with your
      password${options.totp ? ' or a code from your authenticator app' : ''}, then try it again.
    </p>
    <div class="card">
      ${renderMessage(options.message)}
      <form id="reauthenticate-password-form" method="post" action="${REAUTHENTICATE_PATH}">
        <input type="hidden" name="kind" value="password" />
        <div class="field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit" class="full">Confirm</button>
      </form>
      ${
        options.totp
          ? html`<form id="reauthenticate-code-form" method="post" action="${REAUTHENTICATE_PATH}" novalidate>
              <input type="hidden" name="kind" value="code" />
              ${renderCodeField({ label: 'Or a code from your authenticator app', maxLength: 6 })}
              <button type="submit" class="secondary full">Confirm with a code</button>
            </form>`
          : ''
      }
      <p class="hint">
        No password (you sign in with a provider or a passkey)? Sign out and sign in again: that counts as
        recent.
      </p>
    </div>
    <p class="switch"><a href="/account">Back to your account</a></p>`;
  return renderPage({
    title: 'Confirm it is you',
    current: 'account',
    signedIn: true,
    narrow: true,
    content,
  });
}
