import { actorDefaults, type SlackActor } from './slack-payloads.js';

type Actor = ReturnType<typeof actorDefaults>;

/** A click on a button in a message. */
export interface BlockActionInput extends SlackActor {
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  readonly responseUrl: string;
  readonly messageTs?: string;
  /** The button's label, as shown. */
  readonly text?: string;
  /** A click in an ephemeral message: Slack then sends no `message`, only the container. */
  readonly ephemeral?: boolean;
}

/** A submitted modal: `values[blockId][actionId]` is the element state, as in view.state.values. */
export interface ViewSubmissionInput extends SlackActor {
  readonly callbackId: string;
  readonly values: Record<string, Record<string, Record<string, unknown>>>;
  readonly privateMetadata?: string;
  readonly viewId?: string;
}

const user = (a: Actor) => ({
  id: a.userId,
  username: a.userName,
  name: a.userName,
  team_id: a.teamId,
});
const team = (a: Actor) => ({ id: a.teamId, domain: 'emu' });

/** A block_actions interaction payload for one button click. */
export function blockActionsPayload(input: BlockActionInput): Record<string, unknown> {
  const a = actorDefaults(input);
  const messageTs = input.messageTs ?? '1700000000.000100';
  return {
    type: 'block_actions',
    user: user(a),
    api_app_id: a.appId,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: a.channelId,
      is_ephemeral: input.ephemeral === true,
    },
    trigger_id: a.triggerId,
    team: team(a),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: a.channelId, name: 'general' },
    ...(input.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: '', user: 'UBOT' } }),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'b1',
        text: { type: 'plain_text', text: input.text ?? 'Button', emoji: true },
        value: input.value ?? '',
        action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      },
    ],
  };
}

/** A view_submission interaction payload for a modal with the given state and private_metadata. */
export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  const a = actorDefaults(input);
  const id = input.viewId ?? 'V123';
  return {
    type: 'view_submission',
    team: team(a),
    user: user(a),
    api_app_id: a.appId,
    token: 'legacy-verification-token',
    trigger_id: a.triggerId,
    view: {
      id,
      team_id: a.teamId,
      type: 'modal',
      blocks: [],
      private_metadata: input.privateMetadata ?? '',
      callback_id: input.callbackId,
      state: { values: input.values },
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'Form', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: id,
      app_id: a.appId,
      external_id: '',
      app_installed_team_id: a.teamId,
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An interactivity payload as the urlencoded `payload=<json>` body Slack POSTs in HTTP mode. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A block_actions click as Slack POSTs it in HTTP mode. */
export function blockActionsBody(input: BlockActionInput): string {
  return interactionBody(blockActionsPayload(input));
}

/** A view_submission as Slack POSTs it in HTTP mode. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  return interactionBody(viewSubmissionPayload(input));
}
