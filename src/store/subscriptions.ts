import { type ChannelRef, channelKey, type Subscription } from '../domain/subscription.js';
import { CatalogError } from './catalog.js';
import type { Store } from './store.js';

/**
 * Creates or replaces the subscription of `sub.channel`, provided it is still `expected` (what the
 * user's settings were merged with); otherwise refused, so two changes at once never undo each other.
 */
export function saveSubscription(
  store: Store,
  sub: Subscription,
  expected: Subscription | undefined,
): Promise<void> {
  return store.update((d) => {
    const i = d.subscriptions.findIndex((s) => channelKey(s.channel) === channelKey(sub.channel));
    if ((i >= 0 ? d.subscriptions[i] : undefined) !== expected)
      throw new CatalogError(
        "This channel's subscription was changed by someone else a moment ago; run the command again.",
      );
    if (i >= 0) d.subscriptions[i] = sub;
    else d.subscriptions.push(sub);
    if (sub.channel.platform === 'console') d.scheduler = { ...d.scheduler, consoleSubscribed: true };
  });
}

/** Removes a channel's subscription; false when it had none (and nothing was written). */
export async function dropSubscription(store: Store, channel: ChannelRef): Promise<boolean> {
  if (!findSubscription(store, channel)) return false;
  await store.update((d) => {
    d.subscriptions = d.subscriptions.filter((s) => channelKey(s.channel) !== channelKey(channel));
  });
  return true;
}

/** The channel's subscription, if it has one. */
export const findSubscription = (store: Store, channel: ChannelRef): Subscription | undefined =>
  store.read().subscriptions.find((s) => channelKey(s.channel) === channelKey(channel));
