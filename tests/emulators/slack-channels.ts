import type { Params } from './slack-types.js';

/** A conversation as the emulator models it: public or private, and whether the bot is a member. */
export interface SlackChannel {
  readonly id: string;
  readonly isPrivate: boolean;
  /** Direct messages: the bot is always in them. */
  readonly isIm: boolean;
  botIsMember: boolean;
}

/** How a test describes a channel; unknown public channels exist with the bot not in them. */
export interface ChannelSpec {
  readonly private?: boolean;
  readonly botIsMember?: boolean;
}

/**
 * The workspace's channels and the bot's membership, with Slack's rules for who may read and post:
 * reading history needs membership (and channels:history or groups:history); posting to a public channel
 * without membership needs chat:write.public; a private channel the bot is not in does not exist for it.
 */
export class Channels {
  private readonly byId = new Map<string, SlackChannel>();

  constructor(private readonly scopes: ReadonlySet<string>) {}

  /** Adds or changes a channel. */
  set(id: string, spec: ChannelSpec): SlackChannel {
    const channel = this.get(id);
    const next: SlackChannel = {
      ...channel,
      isPrivate: spec.private ?? channel.isPrivate,
      botIsMember: spec.botIsMember ?? channel.botIsMember,
    };
    this.byId.set(id, next);
    return next;
  }

  /** The channel `id`: a DM when it starts with D, otherwise a public channel the bot is not in, unless set. */
  get(id: string): SlackChannel {
    const known = this.byId.get(id);
    if (known) return known;
    const isIm = id.startsWith('D');
    return { id, isPrivate: false, isIm, botIsMember: isIm };
  }

  /** The error Slack gives for a missing scope, or undefined when the app has `scope`. */
  missingScope(scope: string): Params | undefined {
    if (this.scopes.has(scope)) return undefined;
    return { ok: false, error: 'missing_scope', needed: scope, provided: [...this.scopes].join(',') };
  }

  /** Why the bot may not post to `id` (chat.postMessage), or undefined when it may. */
  postError(id: string): Params | undefined {
    const c = this.get(id);
    const write = this.missingScope('chat:write');
    if (write) return write;
    if (c.botIsMember) return undefined;
    if (c.isPrivate) return { ok: false, error: 'channel_not_found' };
    return this.missingScope('chat:write.public') ? { ok: false, error: 'not_in_channel' } : undefined;
  }

  /** Why the bot may not read `id` (conversations.history / replies), or undefined when it may. */
  readError(id: string): Params | undefined {
    const c = this.get(id);
    const scope = this.missingScope(
      c.isIm ? 'im:history' : c.isPrivate ? 'groups:history' : 'channels:history',
    );
    if (c.isPrivate && !c.botIsMember) return { ok: false, error: 'channel_not_found' };
    if (scope) return scope;
    return c.botIsMember ? undefined : { ok: false, error: 'not_in_channel' };
  }

  /** conversations.join: the bot joins a public channel; private channels and DMs need an invite. */
  join(id: string): Params {
    const scope = this.missingScope('channels:join');
    if (scope) return scope;
    const c = this.get(id);
    if (c.isPrivate && !c.botIsMember) return { ok: false, error: 'channel_not_found' };
    if (c.isPrivate || c.isIm) return { ok: false, error: 'method_not_supported_for_channel_type' };
    const already = c.botIsMember;
    this.set(id, { botIsMember: true });
    const channel = { id, name: id.toLowerCase(), is_channel: true, is_private: false, is_member: true };
    return already
      ? {
          ok: true,
          channel,
          warning: 'already_in_channel',
          response_metadata: { warnings: ['already_in_channel'] },
        }
      : { ok: true, channel };
  }

  /** Forgets every channel set up. */
  clear(): void {
    this.byId.clear();
  }
}
