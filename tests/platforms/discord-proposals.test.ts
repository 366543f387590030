import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { frDocument } from '../emulators/source-fixtures.js';
import { silentLog } from '../helpers/bot.js';
import { discordRig, member } from '../helpers/discord.js';
import { attachSources } from '../helpers/sources.js';
import { frSource, SourceServer } from '../sources/helpers.js';

type Rig = Awaited<ReturnType<typeof discordRig>>;
const CHANNEL = '444444444444444444';
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
    (channel, reply, key, attempt) => r.discord.deliver(channel.id, reply, key, attempt),
    silentLog,
  );

let r: Rig;
let server: SourceServer;
beforeEach(async () => {
  server = await SourceServer.start();
  server.documents = [frDocument(S301)];
  r = await discordRig('2026-12-02T14:00:00Z');
});
afterEach(async () => {
  await r.close();
  await server.close();
});

describe('proposals in Discord', () => {
  it('are posted once to a proposals:yes channel as an embed with Accept / Reject buttons, across a restart', async () => {
    attachSources(r.t, [frSource(server)]);
    const { id } = r.emu.dispatchInteraction({
      type: 2,
      data: {
        name: 'trade',
        options: [{ type: 1, name: 'subscribe', options: [{ name: 'proposals', type: 5, value: true }] }],
      },
      channelId: CHANNEL,
    } as never);
    await r.emu.waitForCallback(id, 5000);
    await r.emu.waitFor(
      () => r.t.store.read().subscriptions.some((s) => s.channel.id === CHANNEL && s.proposals),
      5000,
    );
    await r.t.bot.sources?.checkAll();
    await schedulerOf(r).tick();
    await r.restart();
    attachSources(r.t, [frSource(server)]);
    r.t.clock.advance(60_000);
    await schedulerOf(r).tick();

    const posted = r.emu.messages(CHANNEL);
    expect(posted).toHaveLength(1);
    const body = posted[0]?.body as {
      embeds: unknown[];
      components: { components: { label: string; custom_id: string }[] }[];
    };
    expect(JSON.stringify(body.embeds)).toContain(`Proposed: ${S301.title}`);
    const pid = r.t.store.read().watcher.proposals[0]?.id;
    expect(body.components[0]?.components.map((b) => [b.label, b.custom_id])).toEqual([
      ['Accept', `cmd:accept ${pid}`],
      ['Reject', `cmd:reject ${pid}`],
    ]);
    expect(discordMessageProblems(body as never)).toEqual([]);

    const messageId = posted[0]?.id as string;
    const press = async (who: string) => {
      const click = r.emu.clickButton(messageId, `cmd:accept ${pid}`, member(who));
      const cb = await r.emu.waitForCallback(click.id, 5000);
      const data =
        cb.type === 4
          ? cb.data
          : (await r.emu.waitFor(() => r.emu.interactionMessages(click.token).at(-1), 5000)).body;
      return JSON.stringify((data as { embeds?: unknown[] }).embeds);
    };
    const fromSources = () => r.t.store.read().events.filter((e) => e.tags.includes('from-sources'));
    expect(await press('222222222222222222')).toMatch(/editors/i);
    expect(fromSources()).toEqual([]);
    expect(await press('111111111111111111')).toContain(`Accepted ${pid}`);
    expect(fromSources()).toEqual([
      expect.objectContaining({
        start: { date: S301.effective, timeZone: 'America/New_York' },
        confidence: 'confirmed',
      }),
    ]);
    expect(r.emu.problems).toEqual([]);
  });
});
