import type { ReplyFile } from '../render/reply.js';
import { type CalendarFeed, type CalendarFilter, calendarName } from './feed.js';

/** The file name of a calendar: trade-brief.ics, or trade-brief-CN-summit.ics with a filter. */
export function calendarFileName(f: CalendarFilter): string {
  const parts = [...(f.countries ?? []), ...(f.kinds ?? [])];
  return `trade-brief${parts.length ? `-${parts.join('-')}` : ''}.ics`.replace(/[^A-Za-z0-9._-]/g, '');
}

/** A calendar as a file sent with a reply. */
export const calendarFile = (feed: CalendarFeed, f: CalendarFilter): ReplyFile => ({
  name: calendarFileName(f),
  mime: 'text/calendar',
  bytes: new TextEncoder().encode(feed.text),
  title: `${calendarName(f)}: ${feed.count} items`,
});

/** The subscription address for a token and a filter: the feed URL with token, countries and kinds. */
export function subscriptionUrl(feedUrl: string, token: string, f: CalendarFilter): string {
  const q = new URLSearchParams({ token });
  if (f.countries?.length) q.set('countries', f.countries.join(','));
  if (f.kinds?.length) q.set('kinds', f.kinds.join(','));
  // Country codes and kinds never need escaping; keep their commas readable in the link.
  return `${feedUrl}?${q.toString().replace(/%2C/g, ',')}`;
}
