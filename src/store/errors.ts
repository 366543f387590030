import { dirname } from 'node:path';

/** Base class of every error the store reports to users; the message is meant to be shown as-is. */
export class StoreError extends Error {
  /** The store file the error is about. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.file = file;
  }
}

/** Another live process holds the store file's lock. */
export class StoreLockedError extends StoreError {
  /** The pid recorded in the lock file, when it could be read. */
  readonly pid: number | undefined;

  constructor(file: string, message: string, pid?: number) {
    super(file, message);
    this.pid = pid;
  }
}

/** The store file exists but cannot be used: empty, not JSON, or not matching the schema. */
export class StoreCorruptError extends StoreError {
  /** What is wrong with the file, without the restore advice. */
  readonly problem: string;
  /** The newest backup that could replace the file, if any. */
  readonly backup: string | undefined;

  constructor(file: string, problem: string, backup?: string) {
    const advice = backup
      ? `Restore the newest backup with: cp ${backup} ${file}`
      : `Move it aside (mv ${file} ${file}.broken) to start again from the seed.`;
    super(file, `${file} ${problem}. The file was left unchanged. ${advice}`);
    this.problem = problem;
    this.backup = backup;
  }
}

/** The store file was written by a newer Trade Brief with a schema this version does not know. */
export class StoreVersionError extends StoreError {
  constructor(file: string, found: number, supported: number) {
    super(
      file,
      `${file} was written by a newer version of Trade Brief (schema version ${found}; this version ` +
        `reads up to ${supported}). Upgrade Trade Brief, or set DB_FILE to another file. The file was left unchanged.`,
    );
  }
}

/** The store was closed; no more updates are accepted. */
export class StoreClosedError extends StoreError {
  constructor(file: string) {
    super(file, `The store for ${file} is closed; this update was not saved.`);
  }
}

/** The store was opened for reading only (its lock is held elsewhere); nothing can be changed through it. */
export class StoreReadOnlyError extends StoreError {
  constructor(file: string, holder: string) {
    super(
      file,
      `${file} is in use by ${holder}, so this command only reads it and nothing was changed. ` +
        'Make the change there (its terminal, Slack or Discord), or stop it and run this again.',
    );
  }
}

/** The store file or its folder cannot be written (read-only file, folder or file system, or no permission). */
export class StoreNotWritableError extends StoreError {
  constructor(file: string, what: string, code: string) {
    const dir = dirname(file);
    super(
      file,
      `${file} cannot be used: ${what} (${code}). Trade Brief writes the store file and creates files beside ` +
        `it (its lock, temporary copies, backups/), so both must be writable: run chmod u+w ${file} ${dir} ` +
        'as their owner, or set DB_FILE to a writable place. Nothing was changed.',
    );
  }
}

/**
 * Two changes made at the same moment (through different processes on one database) collided and this one was
 * not saved: `record` (e.g. "The event `x`") was rewritten in a way this change would have undone, or, without
 * `record`, the store kept changing while it was being saved.
 */
export class StoreConflictError extends StoreError {
  constructor(location: string, record?: string) {
    super(
      location,
      record
        ? `${record} was changed by someone else at the same moment, so this change was not saved (it would ` +
            'have undone theirs). Look at it again and repeat the change if it is still needed.'
        : 'The store kept changing while this change was being saved, so it was not saved. Try again in a moment.',
    );
  }
}

/** The database cannot be reached: reads answer from memory, and changes are refused until it returns. */
export class StoreUnavailableError extends StoreError {
  constructor(location: string) {
    super(
      location,
      'The database is unreachable; changes are refused until it returns. Nothing was changed.',
    );
  }
}
