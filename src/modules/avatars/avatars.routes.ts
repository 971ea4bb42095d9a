/**
 * HTTP routes for avatars: `PUT /avatar` (multipart field `file`), `DELETE /avatar`, both with the
 * same Bearer access token check as GraphQL, and `GET /avatars/<name>`. Errors are JSON
 * `{ error: { code, message } }`. Multipart parsing is registered only inside this plugin.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../graphql/errors.js';
import { bearerToken } from '../../graphql/context.js';
import type { RequestMeta } from '../request-meta.js';
import type { Services } from '../../services.js';
import { MIME_BY_EXTENSION } from './avatar-image.js';
import type { AvatarResult } from './avatars.service.js';

export interface AvatarRouteDeps {
  services: Services;
  clock: () => Date;
  maxBytes: number;
}

const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

export async function avatarRoutes(app: FastifyInstance, deps: AvatarRouteDeps): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: deps.maxBytes, files: 1, fields: 0, parts: 2 } });
  const { services } = deps;

  app.put('/avatar', async (request, reply) => {
    const signedIn = await signedInUser(request, reply, deps);
    if (!signedIn) return reply;
    const bytes = await readFile(request, reply, deps.maxBytes);
    if (!bytes) return reply;
    const result = await services.avatars.setAvatar(signedIn.userId, bytes, signedIn.meta);
    return sendResult(reply, result, services);
  });

  app.delete('/avatar', async (request, reply) => {
    const signedIn = await signedInUser(request, reply, deps);
    if (!signedIn) return reply;
    return sendResult(reply, await services.avatars.removeAvatar(signedIn.userId, signedIn.meta), services);
  });

  app.get<{ Params: { name: string } }>('/avatars/:name', async (request, reply) => {
    const file = await services.avatars.open(request.params.name);
    if (!file) return sendError(reply, 404, ERROR_CODES.NOT_FOUND, 'Avatar not found');
    const extension = request.params.name.split('.').pop()!;
    return reply
      .header('content-type', MIME_BY_EXTENSION[extension]!)
      .header('content-length', file.size)
      .header('cache-control', IMMUTABLE_CACHE)
      .header('x-content-type-options', 'nosniff')
      // Images are meant to be shown by the SPA on its own origin.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(file.stream);
  });
}

function sendError(reply: FastifyReply, status: number, code: ErrorCode | string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

async function signedInUser(request: FastifyRequest, reply: FastifyReply, deps: AvatarRouteDeps) {
  const now = deps.clock();
  const token = bearerToken(request.headers.authorization);
  const auth = token === 'malformed' ? null : await deps.services.auth.authenticate(token, now);
  if (auth?.status !== 'authenticated') {
    sendError(reply, 401, ERROR_CODES.UNAUTHENTICATED, 'Sign in to change your avatar');
    return null;
  }
  const { user } = auth.viewer;
  if (deps.services.account.requireEmailVerification && !user.emailVerified) {
    sendError(reply, 403, 'EMAIL_NOT_VERIFIED', 'Verify your email address to continue');
    return null;
  }
  const meta: RequestMeta = { now, ipAddress: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 512) ?? null };
  return { userId: user.id, meta };
}

/** The uploaded bytes of field `file`, or null after answering with a clear error. */
async function readFile(request: FastifyRequest, reply: FastifyReply, maxBytes: number): Promise<Buffer | null> {
  const fail = (status: number, code: ErrorCode, message: string) => {
    sendError(reply, status, code, message);
    return null;
  };
  if (!request.isMultipart()) return fail(400, ERROR_CODES.FILE_REQUIRED, 'Send the image as multipart/form-data in the field "file"');
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') return fail(400, ERROR_CODES.FILE_REQUIRED, 'Send the image in the form field "file"');
    return await part.toBuffer();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return fail(413, ERROR_CODES.FILE_TOO_LARGE, `The image must be at most ${maxBytes} bytes`);
    if (code?.startsWith('FST_')) return fail(400, ERROR_CODES.FILE_REQUIRED, 'Send exactly one image in the form field "file"');
    throw error;
  }
}

function sendResult(reply: FastifyReply, result: AvatarResult, services: Services) {
  if (result.ok) return reply.send({ avatarUrl: services.avatars.urlFor(result.user.avatarUrl) });
  if (result.reason === 'NO_USER') return sendError(reply, 401, ERROR_CODES.UNAUTHENTICATED, 'Sign in to change your avatar');
  return sendError(reply, 415, ERROR_CODES.UNSUPPORTED_IMAGE_TYPE, 'Upload a PNG, JPEG or WebP image');
}
