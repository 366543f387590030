import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { discordRig } from '../helpers/discord.js';

type Rig = Awaited<ReturnType<typeof discordRig>>;
const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `npm run deploy-commands` with `env`; returns its exit code and what it printed. */
function deploy(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['--silent', 'run', 'deploy-commands'], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run deploy-commands without DISCORD_GUILD_ID', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('registers /trade and /trade-admin globally (PUT /applications/{app}/commands), and members can use them', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    const app = r.emu.ids.application;
    const out = await deploy({
      ...process.env,
      DISCORD_TOKEN: r.emu.token,
      DISCORD_APP_ID: app,
      DISCORD_GUILD_ID: '',
      DISCORD_API_URL: r.emu.apiUrl,
      SLACK_BOT_TOKEN: '',
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Registered 2 commands');
    expect(out.stdout).toMatch(/global; may take up to an hour/);
    const puts = r.emu.requests.filter((q) => q.method === 'PUT');
    expect(puts.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      `PUT /api/v10/applications/${app}/commands 200`,
    ]);
    const global = r.emu.commands() as { name: string; default_member_permissions?: string }[];
    expect(global.map((c) => c.name)).toEqual(['trade', 'trade-admin']);
    expect(global[1]?.default_member_permissions).toBe('32');
    expect(r.emu.commands(r.emu.ids.guild)).toEqual([]);
    // A member in the server now runs the global /trade.
    const answer = await r.ask('trade', 'deadlines', { days: 30 });
    expect(answer.text).toContain('Deadlines');
    expect(r.emu.problems).toEqual([]);
  }, 60_000);
});
