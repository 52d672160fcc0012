import { html, type SafeHtml } from './html.js';
import { renderTime } from './render-time.js';

/** One row of the passkey list, as `GET /auth/passkeys` answers it. */
export interface AccountPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * The passkey section of the account page. The list is drawn by the server; adding, renaming and
 * removing need WebAuthn and fetch, so their controls are hidden until the passkey script shows them
 * (no JavaScript: a note says so).
 *
 * @example
 * html`${renderPasskeySection(passkeys, clock.now())}`
 */
export function renderPasskeySection(passkeys: readonly AccountPasskey[], now: Date): SafeHtml {
  const rows = passkeys.map(
    (passkey) =>
      html`<tr data-passkey-id="${passkey.id}">
        <td>
          <span class="passkey-name">${passkey.name}</span>
          <form class="passkey-rename" data-passkey-id="${passkey.id}" hidden>
            <input
              type="text"
              name="name"
              value="${passkey.name}"
              maxlength="64"
              required
              aria-label="New name of ${passkey.name}"
            />
            <button type="submit" class="secondary small">Rename</button>
          </form>
        </td>
        <td data-label="Added">${renderTime(passkey.createdAt, now)}</td>
        <td data-label="Last used">
          ${passkey.lastUsedAt === null ? 'Never' : renderTime(passkey.lastUsedAt, now)}
        </td>
        <td>
          <button type="button" class="danger small passkey-remove" data-passkey-id="${passkey.id}" hidden>
            Remove
          </button>
        </td>
      </tr>`,
  );
  return html`<section class="card" id="passkeys" aria-labelledby="passkeys-title">
    <div class="panel-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <span class="sub"
        >${passkeys.length === 0 ? 'None yet' : `${passkeys.length} passkey${passkeys.length === 1 ? '' : 's'}`}</span
      >
    </div>
    <p class="sub">Sign in with your fingerprint, face or device PIN instead of your password.</p>
    ${
      passkeys.length === 0
        ? ''
        : html`<div class="table-wrap">
            <table id="passkey-list">
              <caption class="skip-link">
                Your passkeys
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Added</th>
                  <th scope="col">Last used</th>
                  <th scope="col"><span class="skip-link">Action</span></th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }
    <form id="passkey-add-form" hidden>
      <div class="field">
        <label for="passkey-name">Name (optional)</label>
        <input id="passkey-name" type="text" name="name" maxlength="64" placeholder="Laptop, phone…" />
      </div>
      <button type="submit" id="passkey-add">Add a passkey</button>
    </form>
    <div id="passkey-status" role="status"></div>
    <noscript><p class="hint">Adding, renaming and removing passkeys needs JavaScript.</p></noscript>
  </section>`;
}
