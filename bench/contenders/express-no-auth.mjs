// Ceiling: Express answering a small JSON body, no auth.
import express from 'express';
import { announceListening } from '../lib/services.mjs';

const app = express();
app.get('/open', (request, response) => {
  response.json({ status: 'ok' });
});
const server = app.listen(0, '127.0.0.1', () => announceListening(server));
