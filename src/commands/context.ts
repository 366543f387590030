import type { ChannelRef, Platform } from '../domain/subscription.js';
import type { Timeline } from '../domain/timeline.js';
import type { SourcesService } from '../sources/service.js';
import type { Store } from '../store/store.js';

/** The person running a command. */
export interface Actor {
  readonly platform: Platform;
  readonly id: string;
  readonly name?: string;
  /** Set by the platform from the EDITORS list and its own admin roles. */
  readonly isEditor: boolean;
}

/** Everything a command may use; the clock is injected, never read from the system. */
export interface CommandContext {
  readonly now: () => number;
  readonly store: Store;
  /** The indexed timeline of the current store revision. */
  readonly timeline: () => Timeline;
  readonly actor: Actor;
  readonly channel: ChannelRef;
  /** Zone for dates typed without one, and for plain-text display. */
  readonly zone: string;
  /** The country whose tariff stack `brief` and `tariffs` show by default. */
  readonly focusCountry: string;
  /** The calendar feed's address (PUBLIC_URL + /calendar.ics) when the web server serves it; else undefined. */
  readonly calendarFeedUrl?: string;
  /** The official-source watcher, when the bot has one (`sources`, `accept`, `reject`). */
  readonly sources?: SourcesService;
  /** The registered commands, for `help`. */
  readonly commands: () => readonly CommandSummary[];
}

export interface CommandSummary {
  readonly name: string;
  readonly description: string;
  readonly usage: string;
  readonly access: 'everyone' | 'editors';
  readonly options: readonly { name: string; description: string; required: boolean; example: string }[];
}
