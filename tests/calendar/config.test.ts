import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env, 'UTC');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('calendar settings', () => {
  it('reads PUBLIC_URL (without a trailing slash) and CALENDAR_TOKEN', () => {
    const c = parseConfig(
      { PUBLIC_URL: 'https://trade.example.org/', WEB_PORT: '8080', CALENDAR_TOKEN: 'a'.repeat(32) },
      'UTC',
    );
    expect(c.PUBLIC_URL).toBe('https://trade.example.org');
    expect(c.CALENDAR_TOKEN).toBe('a'.repeat(32));
  });

  it('names each bad setting without quoting a secret', () => {
    const secret = 'short-secret!';
    const found = problems({ CALENDAR_TOKEN: secret, PUBLIC_URL: 'ftp://trade.example.org' });
    expect(found).toContain(
      'CALENDAR_TOKEN: must be 24 to 128 letters, digits, - or _ (a long random string, e.g. from openssl rand -hex 24)',
    );
    expect(found).toContain('PUBLIC_URL: must be an http(s) address such as https://trade.example.org');
    expect(found.join('\n')).not.toContain(secret);
    expect(problems({ PUBLIC_URL: 'https://trade.example.org' })).toEqual([
      'WEB_PORT: is needed as well when PUBLIC_URL is set (the calendar feed is served on WEB_PORT)',
    ]);
  });
});
