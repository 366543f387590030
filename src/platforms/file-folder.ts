import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import { escapeControls } from '../domain/control-chars.js';
import type { ReplyFile } from '../render/reply.js';

/** A file name that stays inside its folder: letters, digits, `.-_`, not starting with a dot. */
const FileName = z
  .string()
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/,
    'must be letters, digits, ., - or _ (at most 100), not starting with .',
  );

/** The folder the terminal and the CLI write files to: FILES_DIR, else files/ beside the store. */
export const filesDir = (config: Pick<Config, 'FILES_DIR' | 'DB_FILE'>): string =>
  resolve(config.FILES_DIR ?? join(dirname(config.DB_FILE), 'files'));

/**
 * Writes each file of a reply into `dir` (created if need be) and returns one line per file for the terminal:
 * its title and absolute path, or why it could not be written. A file is written whole or not at all (a
 * temporary file renamed over it), so a chart open in a viewer is never half drawn; the same name is replaced.
 */
export function writeReplyFiles(files: readonly ReplyFile[] | undefined, dir: string): string[] {
  const lines: string[] = [];
  for (const f of files ?? []) {
    const name = FileName.safeParse(f.name);
    const title = escapeControls(f.title);
    if (!name.success) {
      lines.push(`File not written (${title}): its name ${name.error.issues[0]?.message}`);
      continue;
    }
    const path = join(dir, name.data);
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, f.bytes);
      renameSync(tmp, path);
      lines.push(`${f.mime === 'image/png' ? 'Chart' : 'File'} saved: ${escapeControls(path)} (${title})`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      lines.push(
        `File not written (${title}): ${escapeControls(dir)} is not writable (${code}); set FILES_DIR to a folder that is`,
      );
    }
  }
  return lines;
}
