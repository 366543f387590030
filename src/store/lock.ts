import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StoreLockedError } from './errors.js';

/** What a lock file records about its holder. */
interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** A held store lock. */
export interface StoreLock {
  /** The lock file path (`${file}.lock`). */
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** A half-written lock younger than this is presumed to belong to a process that is still starting. */
const UNREADABLE_GRACE_MS = 5_000;
/** Lock files held by this process, so a recycled pid (e.g. pid 1 in containers) is not mistaken for us. */
const heldHere = new Set<string>();

/** How long a new opener waits, by default, for a holder that seems alive to go away before refusing. */
export const LOCK_PATIENCE_MS = 2_000;
const LOOK_AGAIN_MS = 100;

/** True when `pid` has exited but its parent has not collected it yet (Linux; false where unknown). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

/** Whether `pid` is a running process: a killed one awaiting collection by its parent does not count. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (Number.isInteger(value.pid) && typeof value.hostname === 'string') return value as LockInfo;
  } catch {}
  return undefined;
}

/** Returns a StoreLockedError when the existing lock is live, or undefined when it is stale. */
async function checkExisting(file: string, lockPath: string): Promise<HeldLock | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined; // vanished meanwhile: retry
  const info = parseLock(text);
  const hint = `Stop it, or set DB_FILE to another file.`;
  if (!info) {
    const age = Date.now() - (await stat(lockPath).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    if (age > UNREADABLE_GRACE_MS) return undefined;
    return {
      error: new StoreLockedError(file, `${file} is being opened by another Trade Brief process. ${hint}`),
    };
  }
  const since = info.startedAt ? `, since ${info.startedAt}` : '';
  if (heldHere.has(lockPath)) {
    const msg = `${file} is already open in this process (pid ${info.pid}).`;
    return { error: new StoreLockedError(file, msg, info.pid) };
  }
  if (info.hostname !== hostname()) {
    const msg =
      `${file} is in use by a Trade Brief process on host ${info.hostname} (pid ${info.pid}${since}). ${hint} ` +
      `If that process is gone, delete ${lockPath}.`;
    return { error: new StoreLockedError(file, msg, info.pid) };
  }
  if (info.pid === process.pid || !isAlive(info.pid)) return undefined;
  const msg = `${file} is in use by another Trade Brief process (pid ${info.pid}${since}). ${hint}`;
  return { error: new StoreLockedError(file, msg, info.pid), mayBeDying: true };
}

/**
 * Removes a stale lock, unless another process is taking it over at the same moment: a `.takeover` file
 * created exclusively decides who may, so two starters can never both delete and re-create the lock.
 */
async function takeOver(file: string, path: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(guard, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      // A guard whose writer died (killed mid-takeover) is removed at once; a live one wins.
      const holder = Number(await readFile(guard, 'utf8').catch(() => ''));
      const age =
        Date.now() -
        (await stat(guard)
          .then((s) => s.mtimeMs)
          .catch(() => Date.now()));
      const known = Number.isInteger(holder) && holder > 0;
      // An empty guard older than a second was left by a process killed between creating and writing it.
      const dead = (known && !isAlive(holder)) || (!known && age > 1_000) || age > 10_000;
      if (!dead || attempt >= 2) return false;
      await unlink(guard).catch(() => undefined);
    }
  }
  try {
    if (await checkExisting(file, path)) return false;
    await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** A lock that is not ours to take; `mayBeDying` when it is a process on this host, which may be exiting. */
interface HeldLock {
  error: StoreLockedError;
  mayBeDying?: boolean;
}

/**
 * Takes the exclusive lock `${file}.lock`, taking over a stale one; throws StoreLockedError if held. A holder
 * on this host that seems alive is looked at again for up to `patienceMs` (a process just killed can look
 * alive for a moment), so a restart right after a crash is not refused.
 */
export async function acquireLock(
  file: string,
  now: () => Date = () => new Date(),
  patienceMs = LOCK_PATIENCE_MS,
): Promise<StoreLock> {
  const path = `${file}.lock`;
  const giveUpAt = Date.now() + patienceMs;
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: now().toISOString() };
  const content = JSON.stringify(info);
  for (let takeovers = 0; ; ) {
    try {
      await writeFile(path, content, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const locked = await checkExisting(file, path);
      if (locked?.mayBeDying && Date.now() < giveUpAt) {
        await new Promise((r) => setTimeout(r, LOOK_AGAIN_MS));
        continue;
      }
      if (locked) throw locked.error; // a live holder
      // A stale lock, or one changing hands right now: take it over, or look again shortly (about 1 s at most).
      if (takeovers++ >= 20) {
        throw new StoreLockedError(file, `${file} is being opened by another Trade Brief process right now.`);
      }
      if (!(await takeOver(file, path))) await new Promise((r) => setTimeout(r, 50));
    }
  }
  heldHere.add(path);
  const isOurs = (text: string | undefined) => text === content;
  const onExit = () => {
    try {
      if (isOurs(readFileSync(path, 'utf8'))) unlinkSync(path);
    } catch {}
  };
  process.on('exit', onExit);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      heldHere.delete(path);
      if (isOurs(await readFile(path, 'utf8').catch(() => undefined)))
        await unlink(path).catch(() => undefined);
    },
  };
}
