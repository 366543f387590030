import { allCommands } from '../commands/index.js';
import type { Clock } from './clock.js';
import type { Actor, CommandContext } from './commands/context.js';
import { Registry } from './commands/registry.js';
import type { Config } from './config.js';
import type { ChannelRef } from './domain/subscription.js';
import { Timeline } from './domain/timeline.js';
import { nodeCrypto } from './lazy-crypto.js';
import { type Logger, withContext } from './log/logger.js';
import type { Observer } from './observer.js';
import type { Reply } from './render/reply.js';
import type { SourcesService } from './sources/service.js';
import type { Store } from './store/store.js';

/** The platform-neutral bot: commands over a store and a clock. Platforms call `dispatch`. */
export interface Bot {
  readonly registry: Registry;
  readonly store: Store;
  readonly clock: Clock;
  readonly config: Config;
  /** The official-source watcher and its proposals, once attached at start-up. */
  sources?: SourcesService;
  /** The timeline of the current store revision, rebuilt only after a write. */
  timeline(): Timeline;
  /** Whether a user is on the configured editors list. */
  isListedEditor(platform: Actor['platform'], id: string): boolean;
  context(actor: Actor, channel: ChannelRef, zone?: string): CommandContext;
  /** Parses and runs one command line, e.g. `deadlines days:30`. Never throws. */
  dispatch(text: string, actor: Actor, channel: ChannelRef, zone?: string): Promise<Reply>;
}

/**
 * A clock read once: what a context's `now` answers. Made here rather than as `now: () => at` inside the context,
 * because a function given a name there is renamed per call when run under tsx (its `keepNames`), which costs more
 * than the rest of building the context.
 */
const readsAt =
  (at: number): (() => number) =>
  () =>
    at;

/** Wires the commands to a store, a clock and the configuration. */
export function createBot(
  config: Config,
  store: Store,
  clock: Clock,
  log: Logger,
  observer: Observer = {},
): Bot {
  const registry = new Registry(allCommands, (run) => {
    log.debug('command answered', run);
    observer.command?.(run);
  });
  const editors = new Set(config.EDITORS);
  let cached: { revision: number; timeline: Timeline } | undefined;
  const reported = new Set<string>();
  const timeline = () => {
    if (!cached || cached.revision !== store.revision) {
      const d = store.read();
      cached = { revision: store.revision, timeline: new Timeline(d.events, d.measures) };
      // Each item left off is logged once per process, not at every rebuild; editors see them in `schedule`.
      for (const u of cached.timeline.unplaced) {
        const key = `${u.type}:${u.id}:${u.reason}`;
        if (reported.has(key)) continue;
        reported.add(key);
        log.warn(`${u.type} ${u.id} is left off the timeline: ${u.reason}. Fix or remove it.`);
      }
    }
    return cached.timeline;
  };
  const summaries = registry.summaries();
  const commands = () => summaries;
  const calendarFeedUrl =
    config.PUBLIC_URL && config.WEB_PORT !== undefined ? `${config.PUBLIC_URL}/calendar.ics` : undefined;
  const bot: Bot = {
    registry,
    store,
    clock,
    config,
    timeline,
    isListedEditor: (platform, id) => editors.has(`${platform}:${id}`),
    context: (actor, channel, zone) => {
      // One read of the clock per answer, so every part of it (headings, countdowns) agrees.
      const at = clock.now();
      return {
        now: readsAt(at),
        store,
        timeline,
        actor,
        channel,
        zone: zone ?? config.TIME_ZONE,
        focusCountry: config.FOCUS_COUNTRY,
        calendarFeedUrl,
        sources: bot.sources,
        commands,
      };
    },
    dispatch: (text, actor, channel, zone) =>
      // The failure line carries the command and a request id; both are worked out only when a command fails.
      registry.dispatch(text, bot.context(actor, channel, zone), (err) =>
        withContext(log, {
          command: registry.named(text)?.name ?? 'unknown',
          platform: actor.platform,
          requestId: nodeCrypto().randomUUID(),
        }).error('command failed', err),
      ),
  };
  return bot;
}
