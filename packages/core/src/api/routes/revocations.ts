import type { AuthResponse } from '../auth-request.js';
import { anyone, problem, retryAfter } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';

/** `GET /auth/revocations`: the revocation feed as Server-Sent Events. */
export const revocationsRoute: PublicRoute = {
  method: 'GET',
  path: '/auth/revocations',
  caller: 'anyone',
  async handle(context) {
    const { request } = context;
    // Opened before answering: a bad cursor, a failing store or a full house is a problem
    // response, never an error inside a stream whose headers went out (issue 11).
    const opened = await context.services.revocationStreams.open(
      request.headers['last-event-id'] ?? null,
      request.signal,
    );
    const response: AuthResponse = {
      status: 200,
      headers: [
        ['content-type', 'text/event-stream; charset=utf-8'],
        ['x-accel-buffering', 'no'],
      ],
      body: null,
    };
    if (request.method === 'HEAD') opened.close();
    else Object.assign(response, { stream: opened.stream, streamDropped: opened.dropped });
    return response;
  },
  openapi: {
    operationId: 'followRevocations',
    summary: 'The revocation feed as Server-Sent Events',
    description:
      'Every live revocation, then new ones as they happen: `id: <cursor>`, `event: revocation`, `data: {"sessionId","revokedAt","expiresAt"}`. ' +
      'Reconnect with `Last-Event-ID` to resume without a gap. Session ids are public identifiers, not credentials. ' +
      'A block with only an `id:` moves the cursor past a log entry that is not a revocation; `: ping` comments come every 15 s.',
    tags: ['keys'],
    security: anyone,
    parameters: [
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        description: 'The cursor of the last event received.',
        schema: { type: 'string' },
      },
    ],
    responses: {
      '200': {
        description: 'An endless event stream.',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
      '400': problem('`Last-Event-ID` is not a cursor this server issued.', ['invalid_request']),
      '503': problem(
        'A backing store is not answering, or the feed has as many subscribers as it allows.',
        ['store_unavailable', 'revocation_feed_busy'],
        { 'Retry-After': retryAfter },
      ),
    },
  },
};
