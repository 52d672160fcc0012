// The food-delivery API: an Express 5 app with Tessera mounted (session cookies, embedded SQLite).
//
//   npm run example:food-delivery
//   PORT=3100 FOOD_DELIVERY_STAFF_PASSWORD='…' npm run example:food-delivery   # with staff accounts
//
// See examples/food-delivery/README.md for the walkthrough.
import { startFoodDelivery } from './start-food-delivery.js';

const running = await startFoodDelivery({
  dataDir: process.env['FOOD_DELIVERY_DATA_DIR'] ?? '.tessera/food-delivery',
  port: Number(process.env['PORT'] ?? 3100),
  ...(process.env['TESSERA_ISSUER'] ? { issuer: process.env['TESSERA_ISSUER'] } : {}),
  staffPassword: process.env['FOOD_DELIVERY_STAFF_PASSWORD'] ?? null,
  trustedOrigins: (process.env['TESSERA_TRUSTED_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== ''),
  logger: {
    info: (msg, fields) => process.stdout.write(`${JSON.stringify({ level: 'info', msg, ...fields })}\n`),
    warn: (msg, fields) => process.stdout.write(`${JSON.stringify({ level: 'warn', msg, ...fields })}\n`),
    error: (msg, fields) => process.stdout.write(`${JSON.stringify({ level: 'error', msg, ...fields })}\n`),
  },
});
process.stdout.write(`${JSON.stringify({ msg: 'food-delivery listening', url: running.url })}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
