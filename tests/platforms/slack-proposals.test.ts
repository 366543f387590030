import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { blockActionsBody, viewSubmissionBody } from '../emulators/slack-interactions.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';
import { frDocument } from '../emulators/source-fixtures.js';
import { silentLog } from '../helpers/bot.js';
import { SECRET, slackRig } from '../helpers/slack.js';
import { attachSources } from '../helpers/sources.js';
import { frSource, SourceServer } from '../sources/helpers.js';

type Rig = Awaited<ReturnType<typeof slackRig>>;
const S301 = {
  number: '2026-24817',
  title: 'Notice of Modification of Section 301 Action: China Acts, Policies and Practices',
  type: 'NOTICE',
  agencies: ['ustr'],
  publication: '2026-12-01',
  effective: '2026-12-15',
} as const;

const schedulerOf = (r: Rig) =>
  new Scheduler(
    r.t.bot,
    (channel, reply, key, attempt) => r.slack.deliver(channel.id, reply, key, attempt),
    silentLog,
  );

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}
const buttons = (m: unknown): Button[] =>
  ((m as { blocks: { type: string; elements?: Button[] }[] }).blocks ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

let r: Rig;
let server: SourceServer;
beforeEach(async () => {
  server = await SourceServer.start();
  server.documents = [frDocument(S301)];
  r = await slackRig('2026-12-02T14:00:00Z');
});
afterEach(async () => {
  await r.close();
  await server.close();
});

/** Presses a button as `user` and returns the private answer Slack gets on the response_url. */
async function press(b: Button, user: string, n: string) {
  const body = blockActionsBody({
    actionId: b.action_id,
    value: b.value,
    userId: user,
    channelId: 'CPROP',
    responseUrl: r.emu.responseUrl(n),
  });
  const res = await fetch(r.url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
  expect(res.status).toBe(200);
  await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === n), 5000);
  return JSON.stringify(r.emu.responses.find((x) => x.id === n)?.body);
}

describe('proposals in Slack', () => {
  it('are posted once to a proposals:yes channel, with buttons; Accept works for an editor only', async () => {
    attachSources(r.t, [frSource(server)]);
    await r.slash('subscribe proposals:yes', 'UREADER', { channelId: 'CPROP' });
    await r.slash('subscribe', 'UREADER', { channelId: 'COTHER' });
    await r.slash('sources check', 'UEDITOR');
    await schedulerOf(r).tick();
    await r.restart();
    attachSources(r.t, [frSource(server)]);
    r.t.clock.advance(60_000);
    await schedulerOf(r).tick();

    const posted = r.emu.posted('CPROP');
    expect(posted).toHaveLength(1);
    expect(r.emu.posted('COTHER').filter((m) => JSON.stringify(m).includes('Proposed'))).toHaveLength(0);
    expect(JSON.stringify(posted[0])).toContain(`Proposed: ${S301.title}`);
    expect(blockKitProblems(posted[0] as never)).toEqual([]);
    const [accept, reject] = buttons(posted[0]);
    const id = r.t.store.read().watcher.proposals[0]?.id;
    expect([accept?.text.text, accept?.value, reject?.text.text, reject?.value]).toEqual([
      'Accept',
      `accept ${id}`,
      'Reject',
      `reject ${id}`,
    ]);

    const refused = await press(accept as Button, 'UREADER', 'press-1');
    expect(refused).toMatch(/editors/i);
    expect(r.t.store.read().events.some((e) => e.tags.includes('from-sources'))).toBe(false);

    const done = await press(accept as Button, 'UEDITOR', 'press-2');
    expect(done).toContain(`Accepted ${id}`);
    expect(r.t.store.read().events.filter((e) => e.tags.includes('from-sources'))).toEqual([
      expect.objectContaining({
        start: { date: '2026-12-15', timeZone: 'America/New_York' },
        confidence: 'confirmed',
      }),
    ]);
  });

  it('Edit opens the accept form prefilled for an editor only; a bad date shows inline; a good one accepts with it', async () => {
    attachSources(r.t, [frSource(server)]);
    await r.slash('subscribe proposals:yes', 'UREADER', { channelId: 'CPROP' });
    await r.slash('sources check', 'UEDITOR');
    await schedulerOf(r).tick();
    const posted = r.emu.posted('CPROP');
    expect(posted).toHaveLength(1);
    expect(blockKitProblems(posted[0] as never)).toEqual([]);
    const id = r.t.store.read().watcher.proposals[0]?.id;
    const edit = buttons(posted[0]).find((b) => b.text.text === 'Edit');
    expect(edit?.value).toBe(`accept ${id}`);

    /** Presses Edit as `user` with a fresh trigger id, as Slack sends it. */
    const pressEdit = async (user: string, n: string) => {
      const body = blockActionsBody({
        actionId: edit?.action_id ?? '',
        value: edit?.value,
        userId: user,
        channelId: 'CPROP',
        triggerId: `trigger-${n}`,
        responseUrl: r.emu.responseUrl(n),
      });
      expect((await r.emu.sendHttp(r.url, body, { secret: SECRET })).status).toBe(200);
    };

    await pressEdit('UREADER', 'edit-reader');
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'edit-reader'), 5000);
    expect(JSON.stringify(r.emu.responses.find((x) => x.id === 'edit-reader')?.body)).toMatch(/editors/i);
    expect(r.emu.views).toHaveLength(0);

    await pressEdit('UEDITOR', 'edit-editor');
    await r.emu.waitUntil(() => r.emu.views.length > 0, 5000);
    expect(r.emu.violations).toEqual([]);
    const view = r.emu.views[0]?.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    const prefilled = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.initial_value]));
    // The fixture: a USTR Section 301 notice effective 2026-12-15, from a Federal Register source (US).
    expect(prefilled).toMatchObject({
      title: S301.title,
      start: S301.effective,
      kind: 'tariff-action',
      countries: 'US',
    });

    const submit = async (changed: Record<string, string>) => {
      const values = { ...prefilled, ...changed } as Record<string, string | undefined>;
      const state = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          { value: { type: 'plain_text_input', value: v ?? null } },
        ]),
      );
      const b = viewSubmissionBody({
        callbackId: view.callback_id,
        values: state,
        privateMetadata: view.private_metadata,
        userId: 'UEDITOR',
      });
      const ack = await r.emu.sendHttp(r.url, b, { secret: SECRET });
      return { status: ack.status, body: ack.text };
    };
    const revision = r.t.store.revision;
    const bad = await submit({ start: '2026-12-40' });
    expect(JSON.parse(bad.body)).toMatchObject({
      response_action: 'errors',
      errors: { start: expect.stringContaining('2026-12-40') },
    });
    expect(r.t.store.revision).toBe(revision);
    expect(r.t.store.read().watcher.proposals[0]?.status).toBe('pending');

    const good = await submit({ title: 'Section 301 tariff increase on China', start: '2026-12-20' });
    expect(good.status).toBe(200);
    expect(good.body).toBe('');
    expect(r.t.store.read().watcher.proposals[0]?.status).toBe('accepted');
    const main = r.t.store.read().events.filter((e) => e.tags.includes('from-sources'));
    expect(main).toEqual([
      expect.objectContaining({
        title: 'Section 301 tariff increase on China',
        start: expect.objectContaining({ date: '2026-12-20' }),
        kind: 'tariff-action',
        countries: ['US'],
        confidence: 'confirmed',
      }),
    ]);
  });
});
