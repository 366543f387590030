import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { viewSubmissionPayload } from '../emulators/slack-interactions.js';
import { slashCommandFields } from '../emulators/slack-payloads.js';
import { blockText, slackRig } from '../helpers/slack.js';

describe('/trade over Socket Mode, through the real Bolt app', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z', { socket: true });
    await r.emu.waitUntil(() => r.emu.connections() > 0, 10_000);
  });
  afterAll(() => r.close());

  let n = 0;
  const ask = async (text: string, userId = 'UREADER', responseId = 's') => {
    const id = r.emu.sendEnvelope(
      'slash_commands',
      slashCommandFields({ text, responseUrl: r.emu.responseUrl(responseId), userId, triggerId: `t${++n}` }),
    );
    return (await r.emu.waitForAck(id, 5000)) as
      | { blocks: unknown[]; response_type: string; response_action?: string; errors?: object }
      | undefined;
  };

  it('answers /trade brief in the envelope’s ack with valid Block Kit', async () => {
    const reply = await ask('brief');
    expect(reply?.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain('Paris talks');
    expect(blockKitProblems(reply as never)).toEqual([]);
  });

  it('answers the same question again with the same answer, and a changed store with the new one', async () => {
    const first = await ask('event paris-talks-2026');
    expect(await ask('event paris-talks-2026')).toEqual(first);
    expect(blockText(first)).toContain('OECD');
    const edit = await ask('edit paris-talks-2026 title:"Paris talks, moved venue"', 'UEDITOR', 'edited');
    expect(edit).toEqual({}); // a change is acknowledged empty, then answered through response_url
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'edited'));
    const after = await ask('event paris-talks-2026');
    expect(blockText(after)).toContain('Paris talks, moved venue');
    expect(r.t.store.read().events.find((e) => e.id === 'paris-talks-2026')?.title).toBe(
      'Paris talks, moved venue',
    );
  });

  it('refuses a reader’s change through response_url, and answers a mistake ephemerally in the ack', async () => {
    const before = r.t.store.revision;
    expect(await ask('remove paris-talks-2026', 'UREADER', 'refused')).toEqual({});
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'refused'));
    expect(blockText(r.emu.responses.find((x) => x.id === 'refused')?.body)).toMatch(/editors/i);
    const mistake = await ask('deadlines days:0');
    expect(mistake?.response_type).toBe('ephemeral');
    expect(blockText(mistake)).toContain('`days` must be a whole number from 1 to 365');
    expect(r.t.store.revision).toBe(before);
  });

  it('acknowledges a submitted add-event form with its errors inline', async () => {
    const id = r.emu.sendEnvelope(
      'interactive',
      viewSubmissionPayload({
        callbackId: 'trade_add_event',
        values: {
          title: { value: { type: 'plain_text_input', value: 'Socket talks' } },
          start: { value: { type: 'plain_text_input', value: '2026-12-05 25:00 Europe/Paris' } },
          source: { value: { type: 'plain_text_input', value: 'https://example.org/s' } },
        },
        privateMetadata: 'CTRADE',
        userId: 'UEDITOR',
      }),
    );
    expect(await r.emu.waitForAck(id, 5000)).toMatchObject({
      response_action: 'errors',
      errors: { start: expect.stringContaining('25:00') },
    });
    expect(r.t.store.read().events.some((e) => e.title === 'Socket talks')).toBe(false);
  });

  it('reconnects after Slack asks it to, and keeps answering', async () => {
    await r.emu.disconnectAll('refresh_requested');
    await r.emu.waitUntil(() => r.emu.connections() > 0, 15_000);
    expect(blockText(await ask('deadlines days:60'))).toContain('Deadlines');
  }, 20_000);

  it('no message, modal or acknowledgement broke a Slack limit or came after the 3 s deadline', () => {
    expect(r.emu.violations).toEqual([]);
  });
});
