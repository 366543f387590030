import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { escapeControls } from '../../domain/control-chars.js';
import { type Action, actionHint, type Reply, withoutForms } from '../../render/reply.js';

/** The custom_id prefix of our buttons; the rest is the command the button runs. */
export const BUTTON_ID = 'cmd:';

/** Discord's limits for buttons in one message. */
const LIMITS = { rows: 5, perRow: 5, customId: 100, label: 80 };

const STYLES = { primary: ButtonStyle.Success, danger: ButtonStyle.Danger } as const;
type Row = APIActionRowComponent<APIButtonComponent>;

const button = (a: Action): APIButtonComponent => ({
  type: ComponentType.Button,
  style: a.style ? STYLES[a.style] : ButtonStyle.Secondary,
  label: escapeControls(a.label).slice(0, LIMITS.label) || '…',
  custom_id: `${BUTTON_ID}${a.command}`,
});

/**
 * A reply's buttons as Discord rows (each section's buttons, then the reply's own), within Discord's limits:
 * at most 5 rows of 5, custom_id at most 100. Discord has no forms here: a button that opens one is left out.
 * Buttons that do not fit are named as commands in the context.
 */
export function withButtonRows(reply: Reply): { reply: Reply; rows: Row[] } {
  // Most replies have no buttons.
  if (!reply.actions?.length && !reply.sections.some((s) => s.actions?.length)) return { reply, rows: [] };
  const groups = [...reply.sections.map((s) => withoutForms(s.actions)), withoutForms(reply.actions)];
  const seen = new Set<string>();
  const rows: Row[] = [];
  const left: Action[] = [];
  for (const group of groups)
    for (let i = 0; i < group.length; i += LIMITS.perRow) {
      const fits = group.slice(i, i + LIMITS.perRow).filter((a) => {
        const id = `${BUTTON_ID}${a.command}`;
        if (seen.has(id)) return false; // Discord refuses two buttons with one custom_id; the first stands.
        const ok = id.length <= LIMITS.customId && rows.length < LIMITS.rows;
        if (ok) seen.add(id);
        else left.push(a);
        return ok;
      });
      if (fits.length) rows.push({ type: ComponentType.ActionRow, components: fits.map(button) });
    }
  if (!left.length) return { reply, rows };
  return { reply: { ...reply, context: [...(reply.context ?? []), ...left.map(actionHint)] }, rows };
}
