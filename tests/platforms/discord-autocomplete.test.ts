import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete } from '../emulators/discord-interactions.js';
import { discordRig } from '../helpers/discord.js';

type Rig = Awaited<ReturnType<typeof discordRig>>;
type Choice = { name: string; value: string };

describe('Discord autocomplete for countries and kinds, through discord.js and the emulator', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
  });
  afterAll(() => r.close());

  /** What Discord shows under the option while the member types `typed` into `focused`. */
  async function offered(sub: string, focused: string, typed: string): Promise<Choice[]> {
    const { id } = r.emu.dispatchInteraction(autocomplete('trade', sub, { [focused]: typed }, focused));
    const cb = await r.emu.waitForCallback(id, 5000);
    expect(cb.type).toBe(8);
    return (cb.data as { choices: Choice[] }).choices;
  }

  it('a country typed by name is offered as its code, also after codes already typed', async () => {
    const japan = await offered('tariffs', 'country', 'jap');
    expect(japan).toContainEqual({ name: 'JP — Japan', value: 'JP' });
    const second = await offered('events', 'country', 'US,chi');
    expect(second.map((c) => c.value)).toContain('US,CN');
    expect(second.find((c) => c.value === 'US,CN')?.name).toMatch(/China/);
    const codes = await offered('subscribe', 'countries', 'd');
    expect(codes.map((c) => c.value)).toContain('DE');
  });

  it('kinds are offered as they are typed, the last of a list completed', async () => {
    const all = await offered('subscribe', 'kinds', '');
    expect(all.map((c) => c.value)).toEqual(
      expect.arrayContaining(['meeting', 'summit', 'deadline', 'comment-deadline', 'tariff-action']),
    );
    const list = await offered('subscribe', 'kinds', 'summit,dead');
    expect(list.map((c) => c.value)).toEqual(['summit,deadline', 'summit,comment-deadline']);
  });

  it('an offered value is accepted when the member sends it', async () => {
    const [kinds] = await offered('subscribe', 'kinds', 'summit,dead');
    const [country] = await offered('subscribe', 'countries', 'chin');
    const done = await r.ask('trade', 'subscribe', {
      kinds: kinds?.value ?? '',
      countries: country?.value ?? '',
    });
    expect(done.text).toContain('Subscribed');
    const sub = r.t.store.read().subscriptions.at(-1);
    expect([sub?.kinds, sub?.countries]).toEqual([['summit', 'deadline'], ['CN']]);
    expect(r.emu.problems).toEqual([]);
  });
});
