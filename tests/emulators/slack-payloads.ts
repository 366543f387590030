/** Who sends an interaction, and where; every field has a default. */
export interface SlackActor {
  readonly userId?: string;
  readonly userName?: string;
  readonly channelId?: string;
  readonly teamId?: string;
  readonly appId?: string;
  readonly triggerId?: string;
}

/** A slash command invocation. */
export interface SlashCommandInput extends SlackActor {
  readonly text: string;
  readonly responseUrl: string;
  readonly command?: string;
}

/** The actor fields with their defaults filled in. */
export const actorDefaults = (a: SlackActor) => ({
  userId: a.userId ?? 'U123',
  userName: a.userName ?? 'alice',
  channelId: a.channelId ?? 'C123',
  teamId: a.teamId ?? 'T123',
  appId: a.appId ?? 'AEMU',
  triggerId: a.triggerId ?? '123.456.abc',
});

/** The fields of a slash command, as Slack sends them (HTTP form, or a Socket Mode envelope payload). */
export function slashCommandFields(input: SlashCommandInput): Record<string, string> {
  const a = actorDefaults(input);
  return {
    token: 'legacy-verification-token',
    team_id: a.teamId,
    team_domain: 'emu',
    channel_id: a.channelId,
    channel_name: 'general',
    user_id: a.userId,
    user_name: a.userName,
    command: input.command ?? '/trade',
    text: input.text,
    api_app_id: a.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: a.triggerId,
  };
}

/** A slash command as the urlencoded body Slack POSTs in HTTP mode. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams(slashCommandFields(input)).toString();
}
