/** Message metadata as chat.postMessage takes it and conversations.history returns it. */
export interface SlackMetadata {
  readonly event_type: string;
  readonly event_payload: Record<string, unknown>;
}

/** A message the bot posted, as the emulator stores it (`at`: when it was accepted, in ms). */
export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  user: string;
  bot_id: string;
  text: string;
  blocks?: unknown[];
  metadata?: SlackMetadata;
  thread_ts?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  at: number;
}

/** The fields a post or an update sets. */
export type MessageFields = Partial<Pick<StoredMessage, 'text' | 'blocks' | 'metadata' | 'thread_ts'>> & {
  reply_broadcast?: boolean;
};

/** Which part of a channel conversations.history asks for (ts strings as Slack takes them). */
export interface HistoryQuery {
  readonly limit: number;
  readonly oldest?: string;
  readonly latest?: string;
  readonly inclusive: boolean;
  readonly cursor?: string;
  readonly includeMetadata: boolean;
}

/** A ts ("1700000000.000123", or whole seconds) as microseconds, for exact comparisons. */
export function tsMicros(ts: string): bigint {
  const [sec = '0', frac = ''] = ts.split('.');
  return BigInt(sec || '0') * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6) || '0');
}

const formatTs = (micros: bigint) => `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`;
const cursorFor = (ts: string) => Buffer.from(`next_ts:${ts}`).toString('base64');
const tsOfCursor = (cursor: string) =>
  Buffer.from(cursor, 'base64')
    .toString('utf8')
    .replace(/^next_ts:/, '');

/** Every channel's messages in posting order, with unique increasing ts values as Slack gives. */
export class MessageStore {
  private readonly channels = new Map<string, StoredMessage[]>();
  private lastTs = 0n;

  constructor(
    private readonly botUserId: string,
    private readonly botId: string,
  ) {}

  /** A fresh ts: now, in microseconds, strictly after the previous one. */
  nextTs(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastTs = now > this.lastTs ? now : this.lastTs + 1n;
    return formatTs(this.lastTs);
  }

  /** Stores a new message in `channel` and returns it. */
  post(channel: string, fields: MessageFields): StoredMessage {
    const message: StoredMessage = {
      type: 'message',
      channel,
      ts: this.nextTs(),
      user: this.botUserId,
      bot_id: this.botId,
      text: fields.text ?? '',
      at: Date.now(),
    };
    Object.assign(message, withoutUndefined(fields));
    const list = this.channels.get(channel) ?? [];
    list.push(message);
    this.channels.set(channel, list);
    return message;
  }

  /** Edits the message `ts` of `channel` in place; fields left undefined keep their value. */
  update(channel: string, ts: string, fields: MessageFields): StoredMessage | undefined {
    const message = this.channels.get(channel)?.find((m) => m.ts === ts);
    if (!message) return undefined;
    Object.assign(message, withoutUndefined(fields), { edited: { user: this.botUserId, ts: this.nextTs() } });
    return message;
  }

  /** The messages of `channel`, oldest first (a copy). */
  posted(channel: string): StoredMessage[] {
    return [...(this.channels.get(channel) ?? [])];
  }

  /** A conversations.history page: newest first, thread replies left out as Slack does. */
  history(channel: string, query: HistoryQuery) {
    const low = query.oldest === undefined ? undefined : tsMicros(query.oldest);
    const high = query.cursor ? tsMicros(tsOfCursor(query.cursor)) : undefined;
    const latest = query.latest === undefined ? undefined : tsMicros(query.latest);
    const matching = this.posted(channel)
      .reverse()
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.reply_broadcast)
      .filter((m) => {
        const t = tsMicros(m.ts);
        if (low !== undefined && (query.inclusive ? t < low : t <= low)) return false;
        if (latest !== undefined && (query.inclusive ? t > latest : t >= latest)) return false;
        return high === undefined || t < high;
      });
    const page = matching.slice(0, query.limit);
    const hasMore = matching.length > page.length;
    const last = page[page.length - 1];
    return {
      messages: page.map((m) => publicMessage(m, query.includeMetadata)),
      has_more: hasMore,
      next_cursor: hasMore && last ? cursorFor(last.ts) : '',
    };
  }

  /** Forgets every message. */
  clear(): void {
    this.channels.clear();
  }
}

/** A stored message as the Web API shows it: no bookkeeping, metadata only when asked for. */
export function publicMessage(message: StoredMessage, includeMetadata = true): Record<string, unknown> {
  const { at: _at, channel: _channel, metadata, ...rest } = message;
  return includeMetadata && metadata ? { ...rest, metadata } : rest;
}

function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
