import { mkdir, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { copyFileDurably } from './durable-file.js';

/** Take at most one rolling backup per this interval while writing. */
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

/** Rolling copies of a store file in `${dir}/backups/${basename}.${timestamp}.json`, newest `keep` kept. */
export class Backups {
  /** The folder holding the backups. */
  readonly dir: string;
  private readonly base: string;
  private lastAt: number | undefined;

  constructor(
    private readonly file: string,
    private readonly keep: number,
    private readonly now: () => Date,
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

  /** Copies the store file now (atomically) and prunes old copies; returns the backup path. */
  async take(): Promise<string | undefined> {
    if (this.keep <= 0) return undefined;
    const at = this.now();
    const target = join(this.dir, `${this.base}.${backupStamp(at)}.json`);
    await mkdir(this.dir, { recursive: true });
    await copyFileDurably(this.file, target);
    this.lastAt = at.getTime();
    const names = await this.list();
    const old = names.slice(0, Math.max(0, names.length - this.keep));
    await Promise.all(old.map((n) => unlink(join(this.dir, n)).catch(() => undefined)));
    return target;
  }

  /** Takes a backup when the newest one is missing or older than BACKUP_INTERVAL_MS. */
  async takeIfDue(): Promise<void> {
    if (this.keep <= 0) return;
    if (this.lastAt === undefined) {
      const newest = (await this.list()).at(-1);
      this.lastAt = newest ? parseStamp(newest.slice(this.base.length + 1, -'.json'.length)) : undefined;
    }
    if (this.lastAt === undefined || this.now().getTime() - this.lastAt > BACKUP_INTERVAL_MS)
      await this.take();
  }
}
