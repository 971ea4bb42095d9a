/**
 * Setting and removing a user's avatar. Order of work, so that a failure leaves nothing
 * half-done: validate and re-encode in memory, write the new file (temp + rename), switch the
 * database row (with an audit record) in one transaction, and only then delete the old file. If
 * the database step fails, the new file is deleted again.
 */
import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { UserRow } from '../../db/schema.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import type { RequestMeta } from '../request-meta.js';
import { AVATAR_FORMATS, detectAvatarType, reencodeAvatar } from './avatar-image.js';
import { AVATAR_PATH_PREFIX, avatarNameFromPath, type AvatarStorage } from './avatar-storage.js';

export type AvatarResult = { ok: true; user: UserRow } | { ok: false; reason: 'UNSUPPORTED_TYPE' | 'INVALID_IMAGE' | 'NO_USER' };

export interface AvatarsServiceDeps {
  repos: Repositories;
  storage: AvatarStorage;
  publicUrl: string;
  logger: Logger;
}

export function createAvatarsService(deps: AvatarsServiceDeps) {
  const { repos, storage } = deps;

  async function discardFile(stored: string | null): Promise<void> {
    const name = avatarNameFromPath(stored);
    if (!name) return;
    await storage.remove(name).catch((err: unknown) => deps.logger.warn({ err, name }, 'could not delete an old avatar file'));
  }

  async function switchTo(userId: string, avatarPath: string | null, meta: RequestMeta) {
    return repos.transaction(async (tx) => {
      const replaced = await tx.avatars.replace(userId, avatarPath, meta.now);
      if (!replaced) return null;
      const metadata = { fields: ['avatar'] };
      await tx.audit.record(auditEvent(AUDIT_EVENTS.PROFILE_UPDATED, meta, { actorId: userId, targetUserId: userId, metadata }));
      return replaced;
    });
  }

  async function setAvatar(userId: string, bytes: Buffer, meta: RequestMeta): Promise<AvatarResult> {
    const mime = await detectAvatarType(bytes);
    if (!mime) return { ok: false, reason: 'UNSUPPORTED_TYPE' };
    const image = await reencodeAvatar(bytes, mime);
    if (!image) return { ok: false, reason: 'INVALID_IMAGE' };
    const name = await storage.save(image, AVATAR_FORMATS[mime].extension);
    const replaced = await switchTo(userId, `${AVATAR_PATH_PREFIX}${name}`, meta).catch(async (error: unknown) => {
      await storage.remove(name);
      throw error;
    });
    if (!replaced) {
      await storage.remove(name);
      return { ok: false, reason: 'NO_USER' };
    }
    await discardFile(replaced.previous);
    return { ok: true, user: replaced.user };
  }

  async function removeAvatar(userId: string, meta: RequestMeta): Promise<AvatarResult> {
    const replaced = await switchTo(userId, null, meta);
    if (!replaced) return { ok: false, reason: 'NO_USER' };
    await discardFile(replaced.previous);
    return { ok: true, user: replaced.user };
  }

  /** The public URL of a stored avatar path. */
  function urlFor(stored: string | null): string | null {
    return stored ? `${deps.publicUrl}${stored}` : null;
  }

  return { setAvatar, removeAvatar, discardFile, urlFor, open: storage.open };
}

export type AvatarsService = ReturnType<typeof createAvatarsService>;
