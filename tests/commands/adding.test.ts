import { afterEach, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';

describe('adding an event: the id made from its title', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('accented letters lose their accent: "Zürich" gives zurich, not zu-rich', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const out = await t.say(
      'add title:"Zürich talks à Genève" start:2026-12-03 source:https://example.org/z',
    );
    expect(out).toContain('`/trade event zurich-talks-a-geneve`');
    expect(await t.say('event zurich-talks-a-geneve')).toContain('Zürich talks à Genève');
  });

  it('the same title again is added under a new id, with a warning naming the one that exists', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const add = 'add title:"Geneva follow-up talks" start:2026-12-03 source:https://example.org/g';
    const first = await t.say(add);
    expect(first).not.toContain('already exists');
    const second = await t.say(add);
    expect(second).toContain(
      'An item with this title already exists: `geneva-follow-up-talks`; added as `geneva-follow-up-talks-2`.',
    );
    const third = await t.say(add);
    expect(third).toContain('added as `geneva-follow-up-talks-3`');
  });
});
