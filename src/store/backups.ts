import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { copyFileDurably, type DurableFs, NODE_FS } from './durable-file.js';

/** After a session's first backup, take at most one more per this interval while writing. */
export const BACKUP_INTERVAL_MS = 60_000;
const STAMP = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)\.(\d{3})Z$/;

/** A filesystem-safe timestamp (no colons) that sorts by time: 2026-03-01T12-00-00.000Z. */
export function backupStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-');
}

function parseStamp(stamp: string): number | undefined {
  const m = STAMP.exec(stamp);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : undefined;
}

/**
 * Rolling copies of a store file in `${dir}/backups/${basename}.${timestamp}.json`: the newest `keep`
 * distinct states, each taken just before a write replaced it. Opening and reading take none.
 */
export class Backups {
  /** The folder holding the backups. */
  readonly dir: string;
  private readonly base: string;
  private lastAt: number | undefined;

  constructor(
    private readonly file: string,
    private readonly keep: number,
    private readonly now: () => Date,
    private readonly fs: DurableFs = NODE_FS,
  ) {
    this.dir = join(dirname(file), 'backups');
    this.base = basename(file);
  }

  /** Backup file names (not paths) for this store, oldest first. */
  private async list(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const prefix = `${this.base}.`;
    return names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.json'))
      .filter((n) => parseStamp(n.slice(prefix.length, -'.json'.length)) !== undefined)
      .sort();
  }

  /** The path of the newest backup, or undefined when there is none. */
  async newest(): Promise<string | undefined> {
    const name = (await this.list()).at(-1);
    return name === undefined ? undefined : join(this.dir, name);
  }

  /** A kept backup whose bytes equal `bytes`, if any (newest first). */
  private async sameAs(bytes: Buffer, names: readonly string[]): Promise<string | undefined> {
    for (const name of [...names].reverse()) {
      const path = join(this.dir, name);
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (size === bytes.length && bytes.equals(await readFile(path).catch(() => Buffer.alloc(0))))
        return name;
    }
    return undefined;
  }

  /**
   * Keeps the store file's current state as the newest backup (atomically) and prunes old copies; returns
   * its path. A state already kept is not copied again: an older identical copy is renamed to be newest.
   */
  async take(): Promise<string | undefined> {
    if (this.keep <= 0) return undefined;
    const at = this.now();
    const target = join(this.dir, `${this.base}.${backupStamp(at)}.json`);
    const current = await readFile(this.file).catch(() => undefined);
    if (current === undefined) return undefined; // nothing on disk yet
    await mkdir(this.dir, { recursive: true });
    let names = await this.list();
    const same = await this.sameAs(current, names);
    this.lastAt = at.getTime();
    if (same === names.at(-1) && same !== undefined) return join(this.dir, same);
    if (same !== undefined) await this.fs.rename(join(this.dir, same), target);
    else await copyFileDurably(this.file, target, this.fs);
    names = await this.list();
    const old = names.slice(0, Math.max(0, names.length - this.keep));
    await Promise.all(old.map((n) => unlink(join(this.dir, n)).catch(() => undefined)));
    return target;
  }

  /**
   * Call before each write: backs up the state about to be replaced if this session has not yet backed
   * anything up, or its last backup is older than BACKUP_INTERVAL_MS.
   */
  async beforeWrite(): Promise<void> {
    if (this.keep <= 0) return;
    if (this.lastAt === undefined || this.now().getTime() - this.lastAt > BACKUP_INTERVAL_MS)
      await this.take();
  }
}
