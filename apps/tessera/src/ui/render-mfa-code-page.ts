import { renderCodeField } from './render-code-field.js';
import { html } from './html.js';
import { renderMessage, renderPage, type PageMessage } from './render-page.js';

/**
 * The second step of signing in (DESIGN §9): after a right password for an account with an
 * authenticator app, one form for a code from the app or a recovery code. It posts the pending
 * login's `mfaToken` back in a hidden field (the page is `no-store`, like every UI page).
 *
 * @example
 * renderMfaCodePage({ mfaToken, message: null })
 */
export function renderMfaCodePage(options: { mfaToken: string; message?: PageMessage | null }): string {
  const content = html`<h1>Two-step verification</h1>
    <p class="lead">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
    <div class="card">
      ${renderMessage(options.message)}
      <form id="mfa-form" method="post" action="/login/mfa" novalidate>
        <input type="hidden" name="mfaToken" value="${options.mfaToken}" />
        ${renderCodeField({ label: 'Code', maxLength: 64, autofocus: true })}
        <button type="submit" class="full">Verify</button>
      </form>
    </div>
    <p class="switch"><a href="/login">Start again</a></p>`;
  return renderPage({
    title: 'Two-step verification',
    current: 'login',
    signedIn: false,
    narrow: true,
    content,
  });
}
