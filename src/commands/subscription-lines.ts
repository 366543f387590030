import type { Subscription } from '../domain/subscription.js';
import { type Field, time } from '../render/reply.js';
import { digestTimes } from '../schedule/digest-times.js';

/** "7 days, 1 day, 1 hour" for lead times in minutes. */
export function leadText(minutes: readonly number[]): string {
  return minutes
    .map((m) => {
      if (m % 1440 === 0) return `${m / 1440} day${m === 1440 ? '' : 's'}`;
      if (m % 60 === 0) return `${m / 60} hour${m === 60 ? '' : 's'}`;
      return `${m} minute${m === 1 ? '' : 's'}`;
    })
    .join(', ');
}

/** The settings of a subscription as fields, with the next digest time. */
export function subscriptionFields(sub: Subscription, nowMs: number): Field[] {
  const next = digestTimes(sub, nowMs, nowMs + 8 * 86_400_000)[0];
  return [
    {
      label: 'Daily digest',
      value: [
        `${sub.digestTime} ${sub.timeZone}${sub.weekdaysOnly ? ', weekdays only' : ''}${sub.weeklyOutlook ? ', week ahead on Mondays' : ''}`,
      ],
    },
    { label: 'Next digest', value: next ? [time(next.ms, 'datetime', sub.timeZone)] : ['—'] },
    { label: 'Reminders', value: [`${leadText(sub.leadMinutes)} before each item`] },
    { label: 'Countries', value: [sub.countries.length ? sub.countries.join(', ') : 'all'] },
    { label: 'Kinds', value: [sub.kinds.length ? sub.kinds.join(', ') : 'all'] },
    ...(sub.proposals
      ? [{ label: 'Proposals', value: ['each new one from the official sources is posted here'] }]
      : []),
    ...(sub.review ? [{ label: 'Review queue', value: ['in the digest'] }] : []),
  ];
}
