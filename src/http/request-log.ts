/**
 * Fastify's per-request log lines, one level down. At `info` every GraphQL operation already
 * writes one line (name, duration, outcome, request id) from the logging plugin; Fastify's own
 * "incoming request" and "request completed" lines doubled and tripled that, and serialising
 * them was a measurable share of a `me` request (see bench/README.md). They appear at `debug`;
 * errored requests keep Fastify's `error` level.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      super.requestCompleted(error, request, reply);
      return;
    }
    if (this.isLogDisabled(request)) return;
    reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
