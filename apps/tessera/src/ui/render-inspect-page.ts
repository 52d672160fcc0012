import { html } from './html.js';
import { renderPage } from './render-page.js';

/**
 * The token inspector (`GET /inspect`). Decoding and the signature check happen in the page's
 * script; the token never leaves the browser (the only request is this server's JWKS).
 *
 * @example
 * renderInspectPage({ signedIn: false })
 */
export function renderInspectPage(options: { signedIn: boolean }): string {
  const content = html`<h1>Token inspector</h1>
    <p class="lead">
      Paste a JWT to see its header and claims, when it expires, whether our keys signed it, and anything
      suspicious. The token stays in this page: it is never sent anywhere.
    </p>
    <div class="card">
      <div class="field">
        <label for="token">Token</label>
        <textarea
          id="token"
          name="token"
          rows="6"
          spellcheck="false"
          autocomplete="off"
          autocapitalize="off"
          aria-describedby="token-hint"
          placeholder="eyJhbGciOi…"
        ></textarea>
        <p class="hint" id="token-hint">
          Results update as you type. Signatures are checked against this server's published keys (<a
            href="/.well-known/jwks.json"
            >JWKS</a
          >).
        </p>
      </div>
      <noscript
        ><div class="alert" role="alert" data-code="javascript_required">
          The inspector works inside your browser and needs JavaScript, so your token is never sent to a
          server. Without JavaScript, run <code>tessera token inspect &lt;token&gt;</code> on your own
          machine.
        </div></noscript
      >
      <p id="inspect-summary" class="status neutral" aria-live="polite">Nothing to inspect yet.</p>
    </div>
    <div class="grid-2">
      <section class="card" aria-labelledby="header-title">
        <h2 id="header-title">Header</h2>
        <div id="inspect-header"><p class="empty">—</p></div>
      </section>
      <section class="card" aria-labelledby="signature-title">
        <h2 id="signature-title">Signature</h2>
        <div id="inspect-signature"><p class="empty">—</p></div>
      </section>
    </div>
    <section class="card" aria-labelledby="claims-title">
      <h2 id="claims-title">Claims</h2>
      <div id="inspect-claims"><p class="empty">—</p></div>
    </section>
    <section class="card" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <div id="inspect-warnings"><p class="empty">—</p></div>
    </section>`;
  return renderPage({
    title: 'Token inspector',
    current: 'inspect',
    signedIn: options.signedIn,
    scripts: ['/ui/js/browser/inspect-page.js'],
    content,
  });
}
