import type { PageRoute } from '@tessera/core/api';
import type { UiKit } from '../create-ui-kit.js';

/**
 * `GET /`: to the account page when signed in, else to sign-in.
 *
 * @example
 * const route = createHomeRoute(kit);
 */
export function createHomeRoute(kit: UiKit): PageRoute {
  return kit.route('GET', '/', async ({ request }) => {
    const { signedIn, cookies } = await kit.checkSignedIn(request);
    return kit.redirect(signedIn ? '/account' : '/login', cookies);
  });
}
