import { html, type SafeHtml } from './html.js';
import { parseUserAgent } from './parse-user-agent.js';
import { renderPasskeySection, type AccountPasskey } from './render-passkey-section.js';
import { renderTime } from './render-time.js';
import { renderEmailSection } from './render-email-pages.js';
import { renderSecondFactorSection, type AccountSecondFactors } from './render-mfa-pages.js';
import { renderMessage, renderNewPasswordField, renderPage, type PageMessage } from './render-page.js';
import { providerName, type UiProvider } from './render-provider-buttons.js';

/** One row of the device list, as `GET /auth/sessions` answers it. */
export interface AccountDevice {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  transport: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export type { AccountPasskey } from './render-passkey-section.js';

/** What the account page shows. */
export interface AccountPageOptions {
  user: { email: string; roles: readonly string[]; createdAt: string; emailVerified?: boolean };
  devices: readonly AccountDevice[];
  /** The user's passkeys, or `null` when passkeys are off on this server (no section then). */
  passkeys?: readonly AccountPasskey[] | null;
  now: Date;
  message?: PageMessage | null;
  /** jwt cookie mode: the page's script keeps the access cookie fresh. */
  scripts?: readonly string[];
  data?: Readonly<Record<string, string>>;
  /** Linked providers, as `GET /auth/identities` answers them. */
  identities?: readonly AccountIdentity[];
  /** Configured providers: the ones not linked get a "Link" button. */
  providers?: readonly UiProvider[];
  /** The user's second factors (`GET /auth/mfa`); no section without them. */
  secondFactors?: AccountSecondFactors | null;
}

/** One linked provider. */
export interface AccountIdentity {
  provider: string;
  email: string;
  linkedAt: string;
}

const TRANSPORT_NAMES: Readonly<Record<string, string>> = {
  cookie: 'Session cookie',
  'jwt-cookie': 'Token cookies',
  bearer: 'Bearer token',
};

function renderDevice(device: AccountDevice, now: Date): SafeHtml {
  const { browser, os } = parseUserAgent(device.userAgent);
  const label = `${browser} on ${os}`;
  return html`<tr data-session-id="${device.id}" data-current="${device.current ? 'true' : 'false'}">
    <td>
      <span class="device">${label}</span
      >${device.current ? html` <span class="badge current">This device</span>` : ''}
      <div class="sub">${TRANSPORT_NAMES[device.transport] ?? device.transport}</div>
    </td>
    <td data-label="IP address">${device.ip ?? 'Unknown'}</td>
    <td data-label="Signed in">${renderTime(device.createdAt, now)}</td>
    <td data-label="Last seen">${renderTime(device.lastSeenAt, now)}</td>
    <td>
      <form method="post" action="/account/sessions/${device.id}/revoke">
        <button
          type="submit"
          class="danger small"
          aria-label="Sign out ${device.current ? 'this device' : label}"
        >
          Sign out
        </button>
      </form>
    </td>
  </tr>`;
}

function renderProviders(
  identities: readonly AccountIdentity[],
  providers: readonly UiProvider[],
  now: Date,
): SafeHtml | string {
  if (identities.length === 0 && providers.length === 0) return '';
  const linked = new Set(identities.map((identity) => identity.provider));
  return html`<section class="card" aria-labelledby="providers-title">
    <h2 id="providers-title">Sign-in providers</h2>
    <ul class="identities" id="identities">
      ${identities.map(
        (identity) =>
          html`<li>
            <strong>${providerName(identity.provider)}</strong>
            <span class="sub">${identity.email}, linked ${renderTime(identity.linkedAt, now)}</span>
            <form method="post" action="/account/identities/${identity.provider}/unlink">
              <button type="submit" class="secondary small">Unlink</button>
            </form>
          </li>`,
      )}
      ${providers
        .filter((provider) => !linked.has(provider.id))
        .map(
          (provider) =>
            html`<li>
              <strong>${provider.name}</strong> <span class="sub">not linked</span>
              <a class="provider-button" href="/auth/oauth/${provider.id}?link=true&amp;return_to=/account"
                >Link ${provider.name}</a
              >
            </li>`,
        )}
    </ul>
  </section>`;
}

/**
 * The account page (`GET /account`): who you are, your devices with a sign-out button each, the
 * password form, and the two sign-out buttons.
 *
 * @example
 * renderAccountPage({ user, devices, now: clock.now() })
 */
export function renderAccountPage(options: AccountPageOptions): string {
  const { user, devices, now } = options;
  const others = devices.filter((device) => !device.current).length;
  const content = html`<h1>Your account</h1>
    <p class="lead">Signed in as <strong>${user.email}</strong>.</p>
    ${renderMessage(options.message)}
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <dl class="meta">
        <dt>Email</dt>
        <dd id="account-email">${user.email}</dd>
        <dt>Roles</dt>
        <dd id="account-roles">
          ${user.roles.length === 0 ? html`<span class="sub">None</span>` : user.roles.map((role) => html`<span class="badge">${role}</span>`)}
        </dd>
        <dt>Member since</dt>
        <dd>${renderTime(user.createdAt, now)}</dd>
      </dl>
    </section>
    ${renderEmailSection({ email: user.email, emailVerified: user.emailVerified ?? true })}
    <section class="card" aria-labelledby="devices-title">
      <div class="panel-title">
        <h2 id="devices-title">Devices</h2>
        <span class="sub"
          >${devices.length === 1 ? 'Only this device' : `This device and ${others} other${others === 1 ? '' : 's'}`}</span
        >
      </div>
      <div class="table-wrap">
        <table id="devices">
          <caption class="skip-link">
            Devices signed in to your account
          </caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
              <th scope="col"><span class="skip-link">Action</span></th>
            </tr>
          </thead>
          <tbody>
            ${devices.map((device) => renderDevice(device, now))}
          </tbody>
        </table>
      </div>
    </section>
    ${renderProviders(options.identities ?? [], options.providers ?? [], now)}
    ${options.secondFactors == null ? '' : renderSecondFactorSection(options.secondFactors)}
    ${options.passkeys === null || options.passkeys === undefined ? '' : renderPasskeySection(options.passkeys, now)}
    <div class="grid-2">
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <form id="password-form" method="post" action="/account/password">
          <!-- For password managers: which account this is. No name, so it is never sent. -->
          <input type="email" autocomplete="username" value="${user.email}" hidden readonly />
          <div class="field">
            <label for="currentPassword">Current password</label>
            <input
              id="currentPassword"
              name="currentPassword"
              type="password"
              autocomplete="current-password"
              required
            />
          </div>
          ${renderNewPasswordField('At least 8 characters. Your other devices are signed out.')}
          <button type="submit">Change password</button>
        </form>
      </section>
      <section class="card" aria-labelledby="signout-title">
        <h2 id="signout-title">Sign out</h2>
        <p class="sub">
          Sign out of this browser, or of every device at once if you think someone else has access.
        </p>
        <div class="row-actions">
          <form id="logout-form" method="post" action="/logout">
            <button type="submit" class="secondary">Sign out</button>
          </form>
          <form id="logout-all-form" method="post" action="/account/logout-all">
            <button type="submit" class="danger">Sign out everywhere</button>
          </form>
        </div>
        <p class="sub">Got a token to look at? Open the <a href="/inspect">token inspector</a>.</p>
      </section>
    </div>`;
  return renderPage({
    title: 'Account',
    current: 'account',
    signedIn: true,
    scripts: options.scripts ?? [],
    data: options.data ?? {},
    content,
  });
}
