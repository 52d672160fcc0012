import { Readable } from 'node:stream';
import type { AuthResponse } from '@tessera/core';
import type { FastifyReply } from 'fastify';

/**
 * Sends core's response through Fastify's reply (so `onSend` hooks and Fastify's own writing
 * apply). `Set-Cookie`s are appended; a streamed body is sent as a Node stream.
 *
 * @example
 * return sendAuthResponse(reply, await tessera.handle(view));
 */
export function sendAuthResponse(reply: FastifyReply, result: AuthResponse): FastifyReply {
  reply.code(result.status);
  for (const [name, value] of result.headers) reply.header(name, value);
  if (result.stream !== undefined) {
    const stream = Readable.from(result.stream);
    // A reader the stream dropped is cut at once (Fastify destroys the response with the stream).
    result.streamDropped?.addEventListener('abort', () => stream.destroy(), { once: true });
    return reply.send(stream);
  }
  return reply.send(result.body ?? undefined);
}
