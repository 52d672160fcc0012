import type { PageRoute } from '@tessera/core/api';
import type { UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { renderInspectPage } from '../render-inspect-page.js';

/**
 * `GET /inspect`: the token inspector (it decodes in the browser; nothing is posted).
 *
 * @example
 * const route = createInspectRoute(kit);
 */
export function createInspectRoute(kit: UiKit): PageRoute {
  return kit.route('GET', '/inspect', async ({ request }) => {
    const { signedIn, cookies } = await kit.checkSignedIn(request);
    return page(200, renderInspectPage({ signedIn }), cookies);
  });
}
