// jwt cookie mode, in the browser: keeps the short-lived access cookie fresh on the account page,
// and on the "Welcome back" page renews the sign-in by itself (the button is the no-JS way).
// Refreshes go through @tessera/client, so two open tabs never present the same refresh token.

/** What this script uses of `/ui/client.js` (the ESM build of @tessera/client). */
interface ClientModule {
  createTesseraFetch(options?: { onSignedOut?: () => void }): {
    refresh(): Promise<'refreshed' | 'signed-out' | 'failed'>;
  };
}

/** Renew this long before the access token expires, so a click never meets an expired cookie. */
const LEAD_MS = 30_000;
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
      Math.max(0, expiresAtMs - Date.now() - LEAD_MS),
    );
  };
  if (Number.isFinite(expiresAtMs) && Number.isFinite(ttlMs) && ttlMs > 0) schedule();
  // Back from the back/forward cache after the cookie expired: load the page again through the server.
  addEventListener('pageshow', (event) => {
    if (event.persisted && Date.now() >= expiresAtMs) location.reload();
  });
}
