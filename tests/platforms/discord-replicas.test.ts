import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import { createDiscord, type DiscordPlatform } from '../../src/platforms/discord/discord-app.js';
import { chatInput, type DiscordEmulator, startDiscordEmulator } from '../emulators/discord-emulator.js';
import { seededBot, type TestBot } from '../helpers/bot.js';
import { invitePermissions, member } from '../helpers/discord.js';

const EDITOR = '111111111111111111';

/** A logger keeping its lines, to see which replica said what. */
function recordingLog(lines: string[]): Logger {
  const at = (level: string) => (msg: string) => void lines.push(`${level} ${msg}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('two Discord gateway replicas on one store', () => {
  let emu: DiscordEmulator | undefined;
  let t: TestBot | undefined;
  const replicas: DiscordPlatform[] = [];
  afterEach(async () => {
    for (const r of replicas.splice(0)) await r.stop();
    await t?.close();
    await emu?.close();
  });

  it('an add both receive adds one item; the replica Discord refuses with 40060 logs it at debug and stops', async () => {
    emu = await startDiscordEmulator({ botPermissions: invitePermissions() });
    t = await seededBot('2026-11-25T12:00:00Z', { EDITORS: `discord:${EDITOR}` });
    const logs: string[][] = [[], []];
    for (const lines of logs) {
      const replica = createDiscord(
        t.bot,
        { token: emu.token, apiUrl: emu.apiUrl, readyTimeoutMs: 10_000 },
        recordingLog(lines),
      );
      await replica.start();
      replicas.push(replica);
    }
    expect(emu.connections()).toHaveLength(2);
    const title = 'Replica-safe tariff talks';
    const before = t.store.read().events.filter((e) => e.title === title).length;
    const { id, token } = emu.dispatchInteraction(
      chatInput(
        'trade-admin',
        'add',
        { title, start: '2026-12-03', source: 'https://example.org/replicas' },
        member(EDITOR),
      ),
    );
    expect((await emu.waitForCallback(id, 5000)).type).toBe(5); // the winner deferred, then ran the add
    const answer = await emu.waitFor(
      () => emu?.interactionMessages(token).find((m) => m.via === 'original' || m.via === 'edit'),
      5000,
    );
    expect(JSON.stringify(answer.embeds)).toContain('Added');
    // The other replica was refused: Discord's 40060, once, and that replica says so at debug and nothing else.
    await emu.waitFor(() => logs.flat().some((l) => l.includes('another replica')), 5000);
    expect(emu.problems.map((p) => p.problems.join())).toEqual([
      'interaction already acknowledged (code 40060)',
    ]);
    const loser = logs.find((lines) => lines.some((l) => l.includes('another replica'))) ?? [];
    expect(loser.filter((l) => !l.startsWith('debug'))).toEqual([]);
    expect(loser.join('\n')).toContain(`interaction ${id} was answered by another replica`);
    // One item added, one answer shown.
    expect(t.store.read().events.filter((e) => e.title === title).length).toBe(before + 1);
    expect(emu.interactionMessages(token).filter((m) => m.via === 'followUp')).toEqual([]);
  }, 30_000);
});
