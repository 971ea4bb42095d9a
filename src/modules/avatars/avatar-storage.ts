/**
 * Avatar files under UPLOAD_DIR. Names are 256-bit random tokens plus the extension of the
 * detected type, so they cannot be guessed or chosen by the uploader. A file is written to a
 * temporary name and renamed into place, so a reader never sees a half-written avatar.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSecureToken } from '../../lib/secure-token.js';

const NAME_PATTERN = /^[A-Za-z0-9_-]{43}\.(png|jpg|webp)$/;
export const AVATAR_PATH_PREFIX = '/avatars/';

export function isAvatarName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** The file name inside a stored avatar path (`/avatars/<name>`), or null. */
export function avatarNameFromPath(stored: string | null): string | null {
  if (!stored?.startsWith(AVATAR_PATH_PREFIX)) return null;
  const name = stored.slice(AVATAR_PATH_PREFIX.length);
  return isAvatarName(name) ? name : null;
}

export function createAvatarStorage(dir: string) {
  const root = path.resolve(dir);
  const fileFor = (name: string) => path.join(root, name);

  return {
    /** Stores the bytes and returns the new file's name. */
    async save(bytes: Buffer, extension: string): Promise<string> {
      await mkdir(root, { recursive: true });
      const name = `${generateSecureToken()}.${extension}`;
      const temporary = fileFor(`.tmp-${name}`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx', mode: 0o644 });
        await rename(temporary, fileFor(name));
      } catch (error) {
        await unlink(temporary).catch(() => {});
        throw error;
      }
      return name;
    },

    async remove(name: string): Promise<void> {
      if (!isAvatarName(name)) return;
      await unlink(fileFor(name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },

    async open(name: string): Promise<{ stream: ReadStream; size: number } | null> {
      if (!isAvatarName(name)) return null;
      const info = await stat(fileFor(name)).catch(() => null);
      if (!info?.isFile()) return null;
      return { stream: createReadStream(fileFor(name)), size: info.size };
    },
  };
}

export type AvatarStorage = ReturnType<typeof createAvatarStorage>;
