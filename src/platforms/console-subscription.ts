import type { Bot } from '../bot.js';
import { Subscription } from '../domain/subscription.js';
import { findSubscription, saveSubscription } from '../store/subscriptions.js';
import { CONSOLE_CHANNEL } from './console-ref.js';

/** Subscribes the terminal once, on the first start, so it shows digests and reminders; an unsubscribe sticks. */
export async function subscribeConsoleOnce(bot: Bot): Promise<void> {
  if (bot.store.read().scheduler.consoleSubscribed) return;
  const sub = Subscription.parse({
    channel: CONSOLE_CHANNEL,
    timeZone: bot.config.TIME_ZONE,
    createdAt: new Date(bot.clock.now()).toISOString(),
    createdBy: 'console:default',
  });
  await saveSubscription(bot.store, sub, findSubscription(bot.store, CONSOLE_CHANNEL));
}
