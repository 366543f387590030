import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/pino-logger.js';

const SIGNING = '8f2c61d9b4e07a35c1d6f9e2b7a40c85'; // a signing secret has no token shape: only its field name tells

describe('the pino logger', () => {
  for (const format of ['json', 'pretty'] as const) {
    it(`${format}: censors secret fields by name and token-shaped text anywhere`, () => {
      const lines: string[] = [];
      const log = createLogger({ level: 'debug', format, write: (l) => lines.push(l) });
      log.debug('slack options', {
        signingSecret: SIGNING,
        client: { token: 'not-token-shaped-but-a-token', headers: { authorization: 'Bearer abc' } },
        note: 'pasted xoxb-1234567890-abcdefghij by mistake',
      });
      const all = lines.join('');
      expect(all).toContain('slack options');
      expect(all).not.toContain(SIGNING);
      expect(all).not.toContain('not-token-shaped-but-a-token');
      expect(all).not.toContain('xoxb-1234567890');
      expect(all.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(3);
    });
  }

  it('writes one JSON object a line with the context of a child logger and the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', write: (l) => lines.push(l) });
    log.debug('not written');
    log.child?.({ command: 'brief', platform: 'slack', requestId: 'r-1' }).warn('slow answer', { ms: 1200 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 40,
      msg: 'slow answer',
      command: 'brief',
      platform: 'slack',
      requestId: 'r-1',
      ms: 1200,
    });
  });
});
