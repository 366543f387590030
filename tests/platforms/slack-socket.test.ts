import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { slashCommandFields } from '../emulators/slack-payloads.js';
import { blockText, slackRig } from '../helpers/slack.js';

describe('/trade over Socket Mode, through the real Bolt app', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z', { socket: true });
    await r.emu.waitUntil(() => r.emu.connections() > 0, 10_000);
  });
  afterAll(() => r.close());

  const ask = async (text: string) => {
    const id = r.emu.sendEnvelope(
      'slash_commands',
      slashCommandFields({ text, responseUrl: r.emu.responseUrl('s'), userId: 'UREADER' }),
    );
    return (await r.emu.waitForAck(id, 5000)) as { blocks: unknown[]; response_type: string } | undefined;
  };

  it('answers /trade brief in the envelope’s ack with valid Block Kit', async () => {
    const reply = await ask('brief');
    expect(reply?.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain('Paris talks');
    expect(blockKitProblems(reply as never)).toEqual([]);
  });

  it('reconnects after Slack asks it to, and keeps answering', async () => {
    await r.emu.disconnectAll('refresh_requested');
    await r.emu.waitUntil(() => r.emu.connections() > 0, 15_000);
    expect(blockText(await ask('deadlines days:60'))).toContain('Deadlines');
  }, 20_000);
});
