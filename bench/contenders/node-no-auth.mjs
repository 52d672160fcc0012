// Ceiling: a bare node:http server answering a small JSON body, no auth.
import { createServer } from 'node:http';
import { announceListening } from '../lib/services.mjs';

const body = JSON.stringify({ status: 'ok' });
const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(body);
});
server.listen(0, '127.0.0.1', () => announceListening(server));
