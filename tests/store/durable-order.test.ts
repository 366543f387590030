import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileDurably, type DurableFs, DurableTextFile, NODE_FS } from '../../src/store/durable-file.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/**
 * The real file system, recording each call that decides what survives a power cut, in order: writes and
 * copies (`write x`), fsyncs (`fsync x`) and renames (`rename x -> y`), with `x` named by role.
 */
function recordingFs(name: (path: string) => string): { fs: DurableFs; calls: string[] } {
  const calls: string[] = [];
  const note = (call: string) => {
    if (calls.at(-1) !== call) calls.push(call); // a write in several slices counts once
  };
  const fs: DurableFs = {
    async open(path, flags) {
      const handle = await NODE_FS.open(path, flags);
      return {
        async write(buffer, offset) {
          note(`write ${name(path)}`);
          return handle.write(buffer, offset);
        },
        async sync() {
          note(`fsync ${name(path)}`);
          return handle.sync();
        },
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      note(`rename ${name(from)} -> ${name(to)}`);
      return NODE_FS.rename(from, to);
    },
    unlink: (path) => NODE_FS.unlink(path),
    async copyFile(from, to) {
      note(`write ${name(to)}`);
      return NODE_FS.copyFile(from, to);
    },
  };
  return { fs, calls };
}

/** Names a path by its role: the folder, a temp file, or its base name. */
const roles = (path: string) =>
  path === dir ? 'folder' : basename(path).endsWith('.tmp') ? 'temp' : basename(path);

describe('a durable write reaches the disk in an order that survives a power cut', () => {
  it('store write: write temp, fsync temp, rename over the store, fsync the folder', async () => {
    const { fs, calls } = recordingFs(roles);
    const file = new DurableTextFile(join(dir, 'store.json'), fs);
    await file.write('{"v":1}');
    expect(calls).toEqual(['write temp', 'fsync temp', 'rename temp -> store.json', 'fsync folder']);
    calls.length = 0;
    await file.writePieces(['{"v":', '2}']);
    expect(calls).toEqual(['write temp', 'fsync temp', 'rename temp -> store.json', 'fsync folder']);
    expect(await readFile(file.file, 'utf8')).toBe('{"v":2}');
  });

  it('backup copy: copy to temp, fsync temp, rename to the backup, fsync the folder', async () => {
    const { fs, calls } = recordingFs(roles);
    const source = join(dir, 'store.json');
    await new DurableTextFile(source).write('{"v":1}');
    await copyFileDurably(source, join(dir, 'copy.json'), fs);
    expect(calls).toEqual(['write temp', 'fsync temp', 'rename temp -> copy.json', 'fsync folder']);
    expect(await readFile(join(dir, 'copy.json'), 'utf8')).toBe('{"v":1}');
  });
});
