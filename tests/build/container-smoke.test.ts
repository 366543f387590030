import { describe, expect, it } from 'vitest';
import { runChild } from '../helpers/run-child.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('the container image, built without Docker (scripts/container-smoke.sh)', () => {
  it('prunes to production dependencies, starts from dist/ as a non-root user and answers /healthz', async () => {
    const r = await runChild('bash', ['scripts/container-smoke.sh', '--reuse'], {
      cwd: ROOT,
      timeoutMs: 110_000,
    });
    expect(r.stderr).not.toContain('FAIL');
    expect(r.code).toBe(0);
    const [status, ...json] = r.stdout.trim().split(' ');
    expect(status).toBe('200');
    const body = JSON.parse(json.join(' '));
    expect(body).toMatchObject({ status: 'ok', store: { open: true }, platforms: { console: true } });
    if (process.getuid?.() === 0) expect(r.stderr).toContain('store written by uid 65534');
  }, 120_000);
});
