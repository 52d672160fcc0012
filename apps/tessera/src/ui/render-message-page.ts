import { html } from './html.js';
import { renderPage } from './render-page.js';

/**
 * A page that only says what went wrong (a refused cross-site form, a bad request, a page that does
 * not exist), with the problem code on its `role="alert"` element and a way back.
 *
 * @example
 * renderMessagePage({ title: 'Request refused', code: 'csrf_rejected', text: 'The request came from a site that is not trusted.', signedIn: false })
 */
export function renderMessagePage(options: {
  title: string;
  code: string;
  text: string;
  signedIn: boolean;
}): string {
  const content = html`<h1>${options.title}</h1>
    <div class="card">
      <div class="alert" role="alert" data-code="${options.code}">${options.text}</div>
      <p>
        <a href="${options.signedIn ? '/account' : '/login'}"
          >${options.signedIn ? 'Back to your account' : 'Go to sign in'}</a
        >
      </p>
    </div>`;
  return renderPage({
    title: options.title,
    current: null,
    signedIn: options.signedIn,
    narrow: true,
    content,
  });
}
