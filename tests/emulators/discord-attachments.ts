import { apiError, type Issue, issue } from './discord-errors.js';
import type { RestReply } from './discord-http.js';
import { asArray, asObject, type JsonObject } from './discord-json.js';

/** Discord's upload limits for a bot without boosts: 25 MiB for the whole message, 10 files. */
export const DISCORD_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;
export const DISCORD_MAX_FILES = 10;
const DESCRIPTION_MAX = 1024;

/** One file part of a multipart message body. */
export interface UploadedFile {
  /** The form field: `files[0]`, `files[1]`, … */
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** A file attached to an accepted message, bytes kept for tests. */
export interface AcceptedAttachment {
  readonly route: string;
  readonly filename: string;
  readonly contentType: string;
  readonly description?: string;
  readonly bytes: Buffer;
  readonly at: number;
}

/** The message inside a request body: the callback's `data`, or the body itself. */
export const messageOf = (body: unknown, callback: boolean): JsonObject | undefined =>
  callback ? asObject(asObject(body)?.data) : asObject(body);

/** `attachment://name` references of a message's embeds (image and thumbnail). */
function attachmentRefs(message: JsonObject): { path: string; name: string }[] {
  const refs: { path: string; name: string }[] = [];
  (asArray(message.embeds) ?? []).forEach((e, n) => {
    for (const key of ['image', 'thumbnail'] as const) {
      const url = asObject(asObject(e)?.[key])?.url;
      if (typeof url === 'string' && url.startsWith('attachment://'))
        refs.push({ path: `embeds.${n}.${key}.url`, name: url.slice('attachment://'.length) });
    }
  });
  return refs;
}

/**
 * What Discord refuses in a message's files: over 10 files or over 25 MiB in all (413, code 40005); a file part
 * not named files[n]; an `attachments` entry whose id names no uploaded part, or whose description is over 1024
 * characters; an embed image or thumbnail `attachment://name` with no such file in the message (Discord would
 * show a broken embed; the emulator refuses it, so a test cannot miss it).
 */
export function attachmentProblem(
  message: JsonObject | undefined,
  files: readonly UploadedFile[],
  prefix: string,
): { reply: RestReply; problems: string[] } | { issues: Issue[] } | undefined {
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (files.length > DISCORD_MAX_FILES || total > DISCORD_UPLOAD_LIMIT_BYTES)
    return {
      reply: { status: 413, body: apiError(40005, 'Request entity too large') },
      problems: [
        `${files.length} files, ${total} bytes: over Discord's ${DISCORD_MAX_FILES} files or 25 MiB a message`,
      ],
    };
  const issues: Issue[] = [];
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const byIndex = new Map<string, UploadedFile>();
  for (const f of files) {
    const m = /^files\[(\d+)\]$/.exec(f.field);
    if (!m) issues.push(issue(at(f.field), 'BASE_TYPE_INVALID', 'File parts must be named files[n]'));
    else byIndex.set(m[1] as string, f);
  }
  const entries = asArray(message?.attachments) ?? [];
  entries.forEach((a, n) => {
    const entry = asObject(a) ?? {};
    const id = String(entry.id ?? '');
    // An id naming no part of this request must be an attachment the message already has (edits); there is none.
    if (!byIndex.has(id))
      issues.push(
        issue(at(`attachments.${n}.id`), 'ATTACHMENT_NOT_FOUND', `No file part files[${id}] was uploaded`),
      );
    if (typeof entry.description === 'string' && entry.description.length > DESCRIPTION_MAX)
      issues.push(
        issue(
          at(`attachments.${n}.description`),
          'BASE_TYPE_MAX_LENGTH',
          `Must be ${DESCRIPTION_MAX} or fewer in length.`,
        ),
      );
  });
  const names = new Set(files.map((f) => f.filename));
  for (const ref of message ? attachmentRefs(message) : [])
    if (!names.has(ref.name))
      issues.push(
        issue(at(ref.path), 'ATTACHMENT_NOT_FOUND', `No attachment named ${ref.name} in this message`),
      );
  return issues.length ? { issues } : undefined;
}

/** The `attachments` a stored message shows, as Discord returns them. */
export function attachmentObjects(
  files: readonly UploadedFile[],
  message: JsonObject | undefined,
): JsonObject[] {
  const entries = (asArray(message?.attachments) ?? []).map((a) => asObject(a) ?? {});
  return files.map((f, i) => {
    const index = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(i);
    const entry = entries.find((e) => String(e.id) === index);
    return {
      id: `9${Date.now()}${i}`,
      filename: f.filename,
      size: f.bytes.length,
      content_type: f.contentType,
      url: `https://cdn.discordapp.com/attachments/emulated/${encodeURIComponent(f.filename)}`,
      ...(typeof entry?.description === 'string' ? { description: entry.description } : {}),
    };
  });
}
