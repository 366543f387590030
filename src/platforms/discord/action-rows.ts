import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { escapeControls } from '../../domain/control-chars.js';
import type { Reply } from '../../render/reply.js';

/** The custom_id prefix of a reply's buttons; the rest is the command the button runs. */
export const REPLY_ACTION_ID = 'cmd:';

const STYLES = { primary: ButtonStyle.Success, danger: ButtonStyle.Danger } as const;

/** A reply's actions as one row of buttons (Discord: 5 a row, custom_id at most 100, label at most 80). */
export function actionRows(reply: Reply): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = (reply.actions ?? [])
    .filter((a) => REPLY_ACTION_ID.length + a.value.length <= 100)
    .slice(0, 5)
    .map(
      (a): APIButtonComponent => ({
        type: ComponentType.Button,
        style: a.style ? STYLES[a.style] : ButtonStyle.Secondary,
        label: escapeControls(a.label).slice(0, 80),
        custom_id: `${REPLY_ACTION_ID}${a.value}`,
      }),
    );
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}
