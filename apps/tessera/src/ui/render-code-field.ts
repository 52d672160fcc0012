import { html, type SafeHtml } from './html.js';

/**
 * The one-time-code field of the second-step, setup and confirm-it-is-you forms: numeric keyboard,
 * the browser's one-time-code autofill, named `code`. `maxLength` 6 takes an app's code only; the
 * sign-in page's second step takes a recovery code too (longer, with letters).
 *
 * @example
 * renderCodeField({ label: 'Code from the app', maxLength: 6, sixDigits: true, autofocus: true })
 */
export function renderCodeField(options: {
  label: string;
  maxLength: number;
  /** Only six digits are valid (the browser says so before posting). */
  sixDigits?: boolean;
  autofocus?: boolean;
}): SafeHtml {
  return html`<div class="field">
    <label for="code">${options.label}</label>
    <input
      id="code"
      name="code"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      ${options.sixDigits === true ? html`pattern="[0-9]{6}"` : ''}
      maxlength="${options.maxLength}"
      required
      ${options.autofocus === true ? html`autofocus` : ''}
    />
  </div>`;
}
