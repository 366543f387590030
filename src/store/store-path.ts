import { access, constants, lstat, mkdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError, StoreNotWritableError } from './errors.js';

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';
/** Error codes that mean "not allowed to write here", whatever the reason. */
export const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * The path a store at `file` really lives at: `file` itself, or, when `file` is a symbolic link, its target,
 * resolved once, so writes go through to the target and the link is never replaced. Refuses a link whose
 * target is missing (rather than starting a new store beside it), a looping link, and anything not a file.
 */
export async function resolveStoreFile(file: string): Promise<string> {
  const link = await lstat(file).catch((error: unknown) => {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (link === undefined) return file; // a new store
  let real = file;
  if (link.isSymbolicLink()) {
    const target = await readlink(file);
    try {
      real = await realpath(file);
    } catch (error) {
      const why = errno(error) === 'ELOOP' ? 'which loops back on itself' : 'which does not exist';
      throw new StoreError(
        file,
        `${file} is a symbolic link to ${target}, ${why}. Nothing was created. Restore the store at ` +
          `${target}, or set DB_FILE to the store file itself.`,
      );
    }
  }
  if (!(await stat(real)).isFile())
    throw new StoreError(file, `${file} is not a file (a folder?). Set DB_FILE to the store's JSON file.`);
  return real;
}

/** Creates the store's folder if needed and checks that the file (if any) and its folder can be written. */
export async function ensureWritable(file: string): Promise<void> {
  const dir = dirname(file);
  const check = async (path: string, what: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (NOT_WRITABLE.has(errno(error))) throw new StoreNotWritableError(file, what, errno(error));
      if (errno(error) !== 'ENOENT' || path !== file) throw error;
    }
  };
  await check(dir, `its folder ${dir} cannot be created`, () => mkdir(dir, { recursive: true }));
  await check(dir, `its folder ${dir} is read-only`, () => access(dir, constants.W_OK));
  await check(file, 'the file is read-only', () => access(file, constants.W_OK));
}
