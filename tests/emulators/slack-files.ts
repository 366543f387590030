import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channels } from './slack-channels.js';
import { sendText } from './slack-http.js';
import { jsonField, type Params, str } from './slack-types.js';

/** Slack's limit on one file (1 GB); tests may set a smaller one. */
export const SLACK_FILE_LIMIT_BYTES = 1_000_000_000;
/** files.getUploadURLExternal's alt_text limit. */
const ALT_TEXT_MAX = 1000;
/** How long an upload URL takes bytes (Slack's are short-lived). */
const UPLOAD_URL_TTL_MS = 10 * 60_000;

/** A file shared into a conversation by files.completeUploadExternal. */
export interface SharedFile {
  readonly id: string;
  readonly filename: string;
  readonly title: string;
  readonly altText?: string;
  readonly channel: string;
  readonly initialComment?: string;
  readonly bytes: Buffer;
  /** The part's content type as sent to the upload URL. */
  readonly contentType: string;
  readonly at: number;
}

interface Pending {
  readonly id: string;
  readonly filename: string;
  readonly length: number;
  readonly altText?: string;
  readonly token: string;
  readonly expires: number;
  bytes?: Buffer;
  contentType?: string;
  completed: boolean;
}

/**
 * Slack's external upload flow, as strict as Slack: files.getUploadURLExternal (scope files:write, a filename,
 * a whole positive length within the size limit, alt_text up to 1000 characters) hands out a single-use upload
 * URL on 127.0.0.1; the bytes POSTed there (raw or as one multipart file part) must be exactly the length
 * declared; files.completeUploadExternal then shares uploaded files, each once, into a conversation the bot is
 * a member of (`not_in_channel` otherwise, `channel_not_found` for a private one it is not in).
 */
export class SlackFiles {
  readonly shared: SharedFile[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly byToken = new Map<string, Pending>();
  private seq = 0;

  constructor(
    private readonly channels: Channels,
    private readonly uploadBase: () => string,
    readonly maxBytes: number,
  ) {}

  getUploadURLExternal(body: Params): Params {
    const scope = this.channels.missingScope('files:write');
    if (scope) return scope;
    const filename = str(body.filename);
    const length = Number(str(body.length));
    if (!filename || !Number.isInteger(length) || length <= 0)
      return { ok: false, error: 'invalid_arguments' };
    if (length > this.maxBytes) return { ok: false, error: 'file_too_large' };
    const altText = str(body.alt_text);
    if (altText && altText.length > ALT_TEXT_MAX) return { ok: false, error: 'invalid_arguments' };
    this.seq++;
    const id = `F${String(this.seq).padStart(9, '0')}`;
    const token = `${id.toLowerCase()}-${Date.now().toString(36)}`;
    const p: Pending = {
      id,
      filename,
      length,
      altText,
      token,
      expires: Date.now() + UPLOAD_URL_TTL_MS,
      completed: false,
    };
    this.pending.set(id, p);
    this.byToken.set(token, p);
    return { ok: true, upload_url: `${this.uploadBase()}${token}`, file_id: id };
  }

  /** The upload URL: takes the bytes once. */
  async upload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const p = this.byToken.get(token);
    const raw = await readRaw(req, this.maxBytes + 1);
    if (!p || p.bytes || Date.now() > p.expires) return sendText(res, 404, 'not_found');
    if (raw === undefined) return sendText(res, 413, 'file_too_large');
    const part = await filePart(req, raw);
    if (!part) return sendText(res, 400, 'invalid_multipart');
    if (part.bytes.length !== p.length)
      return sendText(res, 400, `length_mismatch: declared ${p.length}, received ${part.bytes.length}`);
    p.bytes = part.bytes;
    p.contentType = part.contentType;
    sendText(res, 200, `OK - ${part.bytes.length}`);
  }

  completeUploadExternal(body: Params): Params {
    const scope = this.channels.missingScope('files:write');
    if (scope) return scope;
    const files = jsonField(body.files);
    if (!files.ok || !Array.isArray(files.value) || files.value.length === 0 || files.value.length > 100)
      return { ok: false, error: 'invalid_arguments' };
    const list = files.value as { id?: unknown; title?: unknown }[];
    const found = list.map((f) => this.pending.get(typeof f.id === 'string' ? f.id : ''));
    if (found.some((p) => !p || p.completed)) return { ok: false, error: 'file_not_found' };
    if (found.some((p) => !p?.bytes)) return { ok: false, error: 'file_upload_not_complete' };
    const channel = str(body.channel_id);
    if (channel) {
      const c = this.channels.get(channel);
      if (!c.botIsMember) return { ok: false, error: c.isPrivate ? 'channel_not_found' : 'not_in_channel' };
    }
    const at = Date.now();
    const out = found.map((p, i) => {
      const file = p as Pending;
      file.completed = true;
      const title = typeof list[i]?.title === 'string' ? (list[i]?.title as string) : file.filename;
      if (channel)
        this.shared.push({
          id: file.id,
          filename: file.filename,
          title,
          altText: file.altText,
          channel,
          initialComment: str(body.initial_comment),
          bytes: file.bytes as Buffer,
          contentType: file.contentType ?? 'application/octet-stream',
          at,
        });
      return { id: file.id, title, name: file.filename, size: file.length };
    });
    return { ok: true, files: out };
  }

  clear(): void {
    this.shared.length = 0;
    this.pending.clear();
    this.byToken.clear();
  }
}

/** The body as bytes, or undefined past `limit` (the rest is drained, not kept). */
function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The one file of a multipart body (parsed by undici's FormData), or the raw body itself. */
async function filePart(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    return { bytes: raw, contentType: type || 'application/octet-stream' };
  try {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
    if (files.length !== 1) return undefined;
    const file = files[0] as File;
    return {
      bytes: Buffer.from(await file.arrayBuffer()),
      contentType: file.type || 'application/octet-stream',
    };
  } catch {
    return undefined;
  }
}
