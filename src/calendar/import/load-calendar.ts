import { open } from 'node:fs/promises';
import { MAX_IMPORT_BYTES } from './read-ics.js';

export type Loaded = { ok: true; text: string } | { ok: false; error: string };

const MB = Math.round(MAX_IMPORT_BYTES / 1024 / 1024);

/**
 * A calendar file's text: refused (one line, naming no content) when it is missing, not a regular file, larger
 * than MAX_IMPORT_BYTES or not UTF-8. At most MAX_IMPORT_BYTES + 1 bytes are ever read.
 */
export async function loadCalendarFile(path: string): Promise<Loaded> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, error: 'it is not a regular file' };
    if (info.size > MAX_IMPORT_BYTES)
      return { ok: false, error: `it is larger than ${MB} MB (the most a calendar import reads)` };
    const buffer = Buffer.alloc(MAX_IMPORT_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_IMPORT_BYTES)
      return { ok: false, error: `it is larger than ${MB} MB (the most a calendar import reads)` };
    return decode(buffer.subarray(0, bytesRead));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error:
        code === 'ENOENT'
          ? 'no file has that path'
          : code === 'EACCES'
            ? 'the bot may not read it'
            : code === 'EISDIR'
              ? 'it is a folder, not a file'
              : `it cannot be read (${code ?? 'error'})`,
    };
  } finally {
    await handle?.close();
  }
}

/** UTF-8 text, or a refusal: a calendar is text (RFC 5545 says UTF-8). */
export function decode(bytes: Uint8Array): Loaded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'it is not UTF-8 text, so not a calendar' };
  }
}
