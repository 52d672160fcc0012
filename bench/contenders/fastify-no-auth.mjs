// Ceiling: Fastify answering a small JSON body, no auth.
import Fastify from 'fastify';
import { announceListening } from '../lib/services.mjs';

const app = Fastify({ logger: false });
app.get('/open', () => ({ status: 'ok' }));
await app.listen({ port: 0, host: '127.0.0.1' });
announceListening(app.server);
