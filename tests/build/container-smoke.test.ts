import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('the container image, built without Docker (scripts/container-smoke.sh)', () => {
  it('prunes to production dependencies, starts from dist/ as a non-root user and answers /healthz', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn('bash', ['scripts/container-smoke.sh', '--reuse'], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      },
    );
    expect(r.stderr).not.toContain('FAIL');
    expect(r.code).toBe(0);
    const [status, ...json] = r.stdout.trim().split(' ');
    expect(status).toBe('200');
    const body = JSON.parse(json.join(' '));
    expect(body).toMatchObject({ status: 'ok', store: { open: true }, platforms: { console: true } });
    if (process.getuid?.() === 0) expect(r.stderr).toContain('store written by uid 65534');
  }, 120_000);
});
