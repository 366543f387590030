import type { webApi } from '@slack/bolt';

export interface SlackUser {
  readonly tz?: string;
  readonly isAdmin: boolean;
}

const TTL_MS = 60 * 60_000;

/** users.info, cached for an hour: the reader's time zone and whether they administer the workspace. */
export function slackUsers(client: webApi.WebClient, now: () => number) {
  const cache = new Map<string, { at: number; user: Promise<SlackUser> }>();
  return (id: string): Promise<SlackUser> => {
    const hit = cache.get(id);
    if (hit && now() - hit.at < TTL_MS) return hit.user;
    const user = client.users
      .info({ user: id })
      .then((r) => ({ tz: r.user?.tz, isAdmin: Boolean(r.user?.is_admin || r.user?.is_owner) }))
      .catch((): SlackUser => {
        cache.delete(id); // a failed lookup (rate limit, network) is not remembered
        return { isAdmin: false };
      });
    cache.set(id, { at: now(), user });
    return user;
  };
}
