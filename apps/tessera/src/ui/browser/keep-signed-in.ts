// jwt cookie mode, in the browser: keeps the short-lived access cookie fresh on the account page,
// and on the "Welcome back" page renews the sign-in by itself (the button is the no-JS way).
// Refreshes go through @tessera/client, so two open tabs never present the same refresh token.

/** What this script uses of `/ui/client.js` (the ESM build of @tessera/client). */
interface ClientModule {
  createTesseraFetch(options?: { onSignedOut?: () => void }): {
    refresh(): Promise<'refreshed' | 'signed-out' | 'failed'>;
  };
}

/**
 * Renew once this share of the token's lifetime has passed, so a click never meets an expired
 * cookie; a fixed lead longer than a short lifetime would renew in a loop.
 */
const RENEW_AFTER_SHARE = 0.8;
/** ... but no earlier than this before expiry: a long-lived token needs renewing only near its end. */
const MAX_LEAD_MS = 30_000;
/** ... and never sooner than this after the page load or the last try, whatever the lifetime or the clocks say. */
const MIN_DELAY_MS = 1_000;
const CLIENT_URL = '/ui/client.js';

const client = (await import(CLIENT_URL)) as ClientModule;
const api = client.createTesseraFetch({ onSignedOut: () => location.assign('/login') });
const data = document.body.dataset;

if (data['autoRefresh'] === 'true') {
  const outcome = await api.refresh();
  if (outcome === 'refreshed') location.replace('/account');
  // 'failed' (offline, throttled): the Continue button stays for another try.
} else {
  // Seconds left by the server's clock, counted from now on ours: the two clocks need not agree.
  let expiresAtMs = Date.now() + Number(data['accessExpiresInSeconds']) * 1000;
  const ttlMs = Number(data['accessTtlSeconds']) * 1000;
  const leadMs = Math.min(MAX_LEAD_MS, ttlMs * (1 - RENEW_AFTER_SHARE));
  const schedule = (): void => {
    setTimeout(
      () => {
        void api.refresh().then((outcome) => {
          if (outcome === 'refreshed') {
            expiresAtMs = Date.now() + ttlMs;
            schedule();
          }
        });
      },
      Math.max(MIN_DELAY_MS, expiresAtMs - Date.now() - leadMs),
    );
  };
  if (Number.isFinite(expiresAtMs) && Number.isFinite(ttlMs) && ttlMs > 0) schedule();
  // Back from the back/forward cache after the cookie expired: load the page again through the server.
  addEventListener('pageshow', (event) => {
    if (event.persisted && Date.now() >= expiresAtMs) location.reload();
  });
}
