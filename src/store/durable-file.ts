import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { storeText } from './codec.js';

/** The part of an open file a durable write uses. */
export interface DurableHandle {
  write(buffer: Uint8Array, offset: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file-system calls a durable write makes: node's fs/promises by default. Tests pass a recorder
 * wrapping the real calls to check their order (write, fsync the file, rename, fsync the folder).
 */
export interface DurableFs {
  open(path: string, flags: string): Promise<DurableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
}

/** The real file system. */
export const NODE_FS: DurableFs = nodeFs;

let tempCounter = 0;
/** Strings are encoded to UTF-8 in slices of this many chars, so big writes do not block in one go. */
const CHUNK_CHARS = 1 << 20;

/** `text` in slices that never split a surrogate pair. */
function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(i, end);
    i = end;
  }
}

/** A temp file name beside `file`, unique per process and call; `removeStaleTemps` recognises it. */
function tempPathFor(file: string): string {
  tempCounter += 1;
  return join(dirname(file), `.${basename(file)}.${process.pid}.${tempCounter}.tmp`);
}

/**
 * Writes text as UTF-8, one slice at a time so the event loop is never blocked for long; `text` may be
 * pieces produced lazily. Returns the number of characters written.
 */
async function writeAll(handle: DurableHandle, text: string | Iterable<string>): Promise<number> {
  let chars = 0;
  for (const slice of typeof text === 'string' ? slices(text) : text) {
    chars += slice.length;
    const bytes = Buffer.from(slice, 'utf8');
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
  }
  return chars;
}

/** Flushes a directory entry change (rename) to disk; a no-op where directories cannot be opened. */
async function syncDir(dir: string, fs: DurableFs): Promise<void> {
  let handle: DurableHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/** Fsyncs `temp`, renames it over `file` and fsyncs the folder; removes `temp` on failure. */
async function commitTemp(temp: string, file: string, fs: DurableFs): Promise<void> {
  try {
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(file), fs);
}

/** Replaces `file` with `text` so that after a crash it holds either the old or the new bytes, never a mix. */
export async function writeFileDurably(
  file: string,
  text: string | Iterable<string>,
  fs: DurableFs = NODE_FS,
): Promise<number> {
  const temp = tempPathFor(file);
  let chars: number;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      chars = await writeAll(handle, text);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await commitTemp(temp, file, fs);
  return chars;
}

/** Copies `source` to `target` atomically and durably (temp copy, fsync, rename, fsync folder). */
export async function copyFileDurably(
  source: string,
  target: string,
  fs: DurableFs = NODE_FS,
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fs.copyFile(source, temp);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await commitTemp(temp, target, fs);
}

/** Deletes temp files left in `dir` by a crashed writer of `file`; call only while holding its lock. */
export async function removeStaleTemps(dir: string, file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const names = await nodeFs.readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  await Promise.all(stale.map((name) => nodeFs.unlink(join(dir, name)).catch(() => undefined)));
}

/** A lowdb text adapter whose writes are atomic and durable; `read` returns null when the file is absent. */
export class DurableTextFile implements Adapter<string> {
  constructor(
    readonly file: string,
    private readonly fs: DurableFs = NODE_FS,
  ) {}

  /** The file's bytes, or null when it does not exist. */
  async readBytes(): Promise<Buffer | null> {
    try {
      return await nodeFs.readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** The file's text, or null when it does not exist; bytes that are not UTF-8 are refused (StoreCorruptError). */
  async read(): Promise<string | null> {
    const bytes = await this.readBytes();
    return bytes === null ? null : storeText(bytes, this.file);
  }

  /** Atomically and durably replaces the file with `text` (one string, or pieces written in order). */
  async write(text: string): Promise<void> {
    await writeFileDurably(this.file, text, this.fs);
  }

  /** Like `write`, for pieces produced lazily; returns the characters written. */
  writePieces(pieces: Iterable<string>): Promise<number> {
    return writeFileDurably(this.file, pieces, this.fs);
  }
}
