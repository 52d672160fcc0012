import type { MailKind } from '../observer/tessera-observer.js';

/**
 * What a template gets: the link (for messages that carry one) and the addresses involved.
 *
 * @example
 * const input: EmailTemplateInput = { link: `${publicUrl}/reset-password?token=${token}`, to: user.email, newEmail: null, linkMinutes: 30 };
 * const { subject, text, html } = defaultEmailTemplates['password-reset'](input);
 */
export interface EmailTemplateInput {
  /** `<TESSERA_PUBLIC_URL><page>?token=<token>`, or `null` for notices. */
  link: string | null;
  /** The recipient. */
  to: string;
  /** For a change of address: the address being moved to (in notices to the old one). */
  newEmail: string | null;
  /** How long the link works, in minutes (rounded down; at least 1), or `null` for notices. */
  linkMinutes: number | null;
}

/**
 * A rendered message: both parts are required (DESIGN §7: every message has a plain-text part).
 *
 * @example
 * const rendered: RenderedEmail = defaultEmailTemplates['password-changed']({ link: null, to, newEmail: null, linkMinutes: null });
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * One renderer per kind of message.
 *
 * @example
 * const templates: EmailTemplates = {
 *   ...defaultEmailTemplates,
 *   'account-exists': (input) => ({ subject: 'You already have an account', text: `Sign in as ${input.to}.`, html: `<p>Sign in as ${escapeHtml(input.to)}.</p>` }),
 * };
 */
export type EmailTemplates = Record<MailKind, (input: EmailTemplateInput) => RenderedEmail>;

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('a<b') // 'a&lt;b'
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function duration(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes % 1440 === 0) return minutes === 1440 ? '24 hours' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// Short paragraphs, one action, and what to do if it was not you. Plain text is the message; the
// HTML part says the same with a button, inline styles only (mail clients drop <style>).
function render(
  subject: string,
  paragraphs: readonly string[],
  action: { label: string; link: string } | null,
): RenderedEmail {
  const text = [...paragraphs.slice(0, 1), ...(action ? [action.link] : []), ...paragraphs.slice(1)].join(
    '\n\n',
  );
  const html =
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:32rem">' +
    paragraphs
      .slice(0, 1)
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('') +
    (action
      ? `<p><a href="${escapeHtml(action.link)}" style="display:inline-block;padding:.6em 1.2em;background:#1f6feb;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>` +
        `<p style="font-size:.875em;color:#59636e">Or paste this address into your browser:<br>${escapeHtml(action.link)}</p>`
      : '') +
    paragraphs
      .slice(1)
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('') +
    '</body></html>';
  return { subject, text: `${text}\n`, html };
}

function linkOf(input: EmailTemplateInput): string {
  if (input.link === null) throw new TypeError('This message needs a link.');
  return input.link;
}

/**
 * Tessera's own messages, in plain words. Replace any of them with `createTesseraDeps({ email: {
 * templates: { 'password-reset': myRenderer } } })`.
 *
 * @example
 * const { subject, text, html } = defaultEmailTemplates['password-reset']({ link, to, newEmail: null, linkMinutes: 30 });
 */
export const defaultEmailTemplates: EmailTemplates = {
  'password-reset': (input) =>
    render(
      'Reset your password',
      [
        'Someone asked to reset the password of your account. To choose a new one, open this link:',
        `It works once, for ${duration(input.linkMinutes)}. Signing in with the new password signs out every other device.`,
        'If you did not ask for this, you can ignore this message: your password stays as it is.',
      ],
      { label: 'Choose a new password', link: linkOf(input) },
    ),
  'email-verify': (input) =>
    render(
      'Confirm your email address',
      [
        'Please confirm that this is your email address by opening this link:',
        `It works once, for ${duration(input.linkMinutes)}.`,
        'If you did not create an account, you can ignore this message.',
      ],
      { label: 'Confirm my address', link: linkOf(input) },
    ),
  'email-change': (input) =>
    render(
      'Confirm your new email address',
      [
        'Someone asked to use this address for their account. To confirm the change, open this link:',
        `It works once, for ${duration(input.linkMinutes)}. Until you open it, the account keeps its old address.`,
        'If you did not ask for this, you can ignore this message.',
      ],
      { label: 'Confirm the new address', link: linkOf(input) },
    ),
  'email-change-notice': (input) =>
    render(
      'A change of your email address was requested',
      [
        `Someone signed in to your account asked to change its email address to ${input.newEmail ?? 'another address'}. The change happens only if that address confirms it.`,
        'If this was not you, change your password now and sign out of every device.',
      ],
      null,
    ),
  'email-changed': (input) =>
    render(
      'Your email address was changed',
      [
        `The email address of your account is now ${input.newEmail ?? 'another address'}. This address no longer signs in.`,
        'If this was not you, contact support right away.',
      ],
      null,
    ),
  'password-changed': () =>
    render(
      'Your password was changed',
      [
        'The password of your account was just changed.',
        'If this was not you, reset your password now with "Forgot password?" on the sign-in page.',
      ],
      null,
    ),
  'account-exists': (input) =>
    render(
      'You already have an account',
      [
        'Someone tried to create an account with this address, but you already have one. To sign in without your password, reset it here:',
        'If this was not you, you can ignore this message: nothing changed.',
      ],
      input.link === null ? null : { label: 'Reset my password', link: input.link },
    ),
};
