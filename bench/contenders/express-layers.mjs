// The price of one more middleware layer and one more handler in Express, with no auth at all:
// GET /open answers JSON at once; GET /layered passes a no-op `app.use` middleware and a no-op
// route handler first (the two places an auth middleware and its guard occupy). Used by
// bench/express-layers.mjs.
import express from 'express';
import { announceListening } from '../lib/services.mjs';

const app = express();
app.get('/open', (request, response) => {
  response.json({ status: 'ok' });
});
app.use((request, response, next) => {
  next();
});
app.get(
  '/layered',
  (request, response, next) => {
    next();
  },
  (request, response) => {
    response.json({ status: 'ok' });
  },
);
const server = app.listen(0, '127.0.0.1', () => announceListening(server));
