// The courier service: trusts the food-delivery app's bearer access tokens through
// @tessera/verify (its JWKS + its revocation feed), without reading its database.
//
//   npm run example:food-delivery      # first, in another terminal
//   npm run example:courier
//
// See examples/courier-service/README.md for the walkthrough.
import { startCourierService } from './start-courier-service.js';

const authUrl = process.env['FOOD_DELIVERY_URL'] ?? 'http://127.0.0.1:3100';
const running = await startCourierService({
  authUrl,
  ...(process.env['TESSERA_ISSUER'] ? { issuer: process.env['TESSERA_ISSUER'] } : {}),
  ...(process.env['TESSERA_AUDIENCE'] ? { audience: process.env['TESSERA_AUDIENCE'] } : {}),
  port: Number(process.env['PORT'] ?? 3200),
});
process.stdout.write(`${JSON.stringify({ msg: 'courier-service listening', url: running.url, authUrl })}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
