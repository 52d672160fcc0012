import type { PageRoute } from '@tessera/core/api';
import type { UiKit } from '../create-ui-kit.js';

/**
 * `GET` of every static file (`/ui/tessera.css`, the scripts): revalidated by ETag (`no-cache`, 304).
 *
 * @example
 * const routes = createAssetRoutes(kit);
 */
export function createAssetRoutes(kit: UiKit): PageRoute[] {
  return [...kit.assets].map(([path, asset]) =>
    kit.route('GET', path, ({ request }) => {
      const headers: [string, string][] = [
        ['content-type', asset.contentType],
        ['cache-control', 'no-cache'],
        ['etag', asset.etag],
      ];
      if (request.headers['if-none-match'] === asset.etag) {
        return Promise.resolve({ status: 304, headers, body: null });
      }
      return Promise.resolve({ status: 200, headers, body: asset.body });
    }),
  );
}
