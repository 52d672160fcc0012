/**
 * The request headers the CSRF check reads; `null` when a header is absent.
 *
 * @example
 * const request: CsrfRequestHeaders = { origin: 'https://app.example.com', secFetchSite: 'same-site', host: 'api.example.com' };
 */
export interface CsrfRequestHeaders {
  readonly origin: string | null;
  readonly secFetchSite: string | null;
  readonly host: string | null;
}
