import type { PageRoute } from '@tessera/core/api';
import { createUiKit, type UiRoutesOptions } from '../create-ui-kit.js';
import { createAccountRoutes } from './account-routes.js';
import { createAssetRoutes } from './asset-routes.js';
import { createContinueRoutes } from './continue-routes.js';
import { createEmailPageRoutes } from './email-page-routes.js';
import { createHomeRoute } from './home-route.js';
import { createInspectRoute } from './inspect-route.js';
import { createMfaCodeRoutes } from './mfa-code-routes.js';
import { createMfaPageRoutes } from './mfa-page-routes.js';
import { createSignInRoutes } from './sign-in-routes.js';

/**
 * Every route of the web UI (DESIGN §7–§9): server-rendered pages and form posts, served by the
 * same router as the API (matching, HEAD, 405 + `Allow`, CSRF and the security headers are its),
 * each answering its errors as an HTML page. A form post becomes one in-process call to the API,
 * whose status, problem and `Set-Cookie`s the page turns into a redirect or the form again with the
 * error in words. A new page is one file in this folder and one line here.
 *
 * @example
 * const pages = createUiRoutes({ api, authenticate, cookieMode, clock, logger, assets });
 */
export function createUiRoutes(options: UiRoutesOptions): PageRoute[] {
  const kit = createUiKit(options);
  return [
    createHomeRoute(kit),
    ...createSignInRoutes(kit),
    ...createMfaCodeRoutes(kit),
    ...createEmailPageRoutes(kit),
    createInspectRoute(kit),
    ...createAccountRoutes(kit),
    ...createMfaPageRoutes(kit),
    ...createContinueRoutes(kit),
    ...createAssetRoutes(kit),
  ];
}
