import { describeIssue, type Issue, invalidFormBody } from './discord-errors.js';
import { snowflake } from './discord-fixtures.js';
import { asArray, type JsonObject } from './discord-json.js';
import { DiscordRateLimits } from './discord-rate-limits.js';
import type {
  CallbackRecord,
  DiscordFault,
  FaultRoute,
  MessageVia,
  ProblemRecord,
  RequestRecord,
  ResolvedOptions,
  StoredMessage,
} from './discord-types.js';

/** An interaction the emulator handed out: its token, when, and whether it came over the gateway or HTTP. */
export interface IssuedInteraction {
  readonly token: string;
  readonly at: number;
  readonly via: 'gateway' | 'http';
  readonly channelId: string;
}

/** Everything the emulator has accepted, refused and been told to do, shared by REST and gateway. */
export class DiscordState {
  readonly requests: RequestRecord[] = [];
  readonly problems: ProblemRecord[] = [];
  readonly channelMessages = new Map<string, StoredMessage[]>();
  readonly interactionMessages: StoredMessage[] = [];
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly commands = new Map<string, JsonObject[]>();
  readonly issued = new Map<string, IssuedInteraction>();
  private readonly faults = new Map<FaultRoute, { fault: DiscordFault; left: number }[]>();
  readonly limits: DiscordRateLimits;

  constructor(readonly options: ResolvedOptions) {
    this.limits = new DiscordRateLimits(options.rateLimits);
  }

  /** Queues `fault` for the next call(s) of `route`. */
  addFault(route: FaultRoute, fault: DiscordFault): void {
    const queue = this.faults.get(route) ?? [];
    queue.push({ fault, left: fault.times ?? 1 });
    this.faults.set(route, queue);
  }

  /** The fault for this call of `route`, used up by taking it. */
  takeFault(route: FaultRoute): DiscordFault | undefined {
    const queue = this.faults.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.fault;
  }

  /** Records a refused request and returns Discord's 400 Invalid Form Body reply. */
  refuse(route: string, issues: readonly Issue[], body: unknown): { status: number; body: JsonObject } {
    this.recordProblem(route, 400, issues.map(describeIssue), body);
    return { status: 400, body: invalidFormBody(issues) };
  }

  /** Records a problem Discord would answer with an error. */
  recordProblem(route: string, status: number, problems: readonly string[], body: unknown): void {
    this.problems.push({ route, status, problems, body, at: Date.now() });
  }

  /** Stores an accepted message from its body. */
  storeMessage(channelId: string, via: MessageVia, body: JsonObject, token?: string): StoredMessage {
    const nonce = body.nonce;
    const message: StoredMessage = {
      id: snowflake(),
      channelId,
      via,
      ...(token === undefined ? {} : { token }),
      content: typeof body.content === 'string' ? body.content : '',
      embeds: asArray(body.embeds) ?? [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      allowedMentionsSet: body.allowed_mentions !== undefined,
      ...(typeof nonce === 'string' || typeof nonce === 'number' ? { nonce } : {}),
      body,
      at: Date.now(),
    };
    if (via === 'channel') {
      const list = this.channelMessages.get(channelId) ?? [];
      list.push(message);
      this.channelMessages.set(channelId, list);
    } else this.interactionMessages.push(message);
    return message;
  }

  /** The message posted with `nonce` in `channelId` within the nonce window, if any. */
  recentNonce(channelId: string, nonce: unknown): StoredMessage | undefined {
    const since = Date.now() - this.options.nonceWindowMs;
    return this.channelMessages.get(channelId)?.find((m) => m.nonce === nonce && m.at >= since);
  }

  /** The accepted callback of the interaction whose token is `token`. */
  callbackByToken(token: string): CallbackRecord | undefined {
    for (const record of this.callbacks.values()) if (record.token === token) return record;
    return undefined;
  }

  /** The interaction the emulator issued with `token`, if any. */
  issuedByToken(token: string): IssuedInteraction | undefined {
    for (const issued of this.issued.values()) if (issued.token === token) return issued;
    return undefined;
  }

  /** The channel an interaction token's messages belong to. */
  channelOfToken(token: string): string {
    for (const issued of this.issued.values()) if (issued.token === token) return issued.channelId;
    return this.options.channelId;
  }
}
