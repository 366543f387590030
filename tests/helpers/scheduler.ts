import type { ChannelRef } from '../../src/domain/subscription.js';
import type { Reply } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { editor, type seededBot, silentLog } from './bot.js';

export interface Received {
  readonly channel: string;
  readonly key: string;
  readonly atMs: number;
  readonly title: string;
  readonly text: string;
}

/** A scheduler on a seeded bot whose posts land in `inbox`, as a channel would show them. */
export function schedulerFor(t: Awaited<ReturnType<typeof seededBot>>, options = {}) {
  const inbox: Received[] = [];
  let failNext = 0;
  const scheduler = new Scheduler(
    t.bot,
    async (channel: ChannelRef, reply: Reply, key: string) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('connection reset by peer');
      }
      inbox.push({
        channel: `${channel.platform}:${channel.id}`,
        key,
        atMs: t.clock.now(),
        title: reply.title,
        text: renderText(reply, { zone: 'UTC' }),
      });
      return { ref: `m${inbox.length}` };
    },
    silentLog,
    options,
  );
  const subscribe = (channel: ChannelRef, text: string) =>
    t.bot.dispatch(`subscribe ${text}`, editor, channel);
  return {
    scheduler,
    inbox,
    subscribe,
    failNextPosts(n: number) {
      failNext = n;
    },
    /** Sets the clock and runs one tick. */
    async at(iso: string) {
      t.clock.set(Date.parse(iso));
      return scheduler.tick();
    },
  };
}

export const slackChannel = (id: string): ChannelRef => ({ platform: 'slack', id });
