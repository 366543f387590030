import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { parseDuration } from './commands/values.js';
import { escapeControls } from './domain/control-chars.js';
import { isCountryCode, TimeZone } from './domain/primitives.js';

const optionalSecret = (what: string) => z.string().trim().min(1, `${what} is set but blank`).optional();

/** A duration such as 6h or 90m, in milliseconds: how late a missed post may still go out. */
const graceWindow = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const r = parseDuration(text);
      if (r.ok) return r.value * 60_000;
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    });

const EditorRef = z
  .string()
  .regex(/^(slack|discord|console):[A-Za-z0-9_.-]+$/, 'each editor must be platform:id, e.g. slack:U0123ABC');

/** A PostgreSQL URL. The message never quotes the value: it holds a password. */
const DatabaseUrl = z.string().refine((text) => {
  try {
    const u = new URL(text);
    return u.protocol === 'postgres:' || u.protocol === 'postgresql:';
  } catch {
    return false;
  }
}, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/trade_brief');

/** Every environment variable the bot reads, with its default. .env.example documents the same list. */
export const ConfigSchema = z.object({
  DB_FILE: z.string().min(1).default('data/trade-brief.db.json'),
  /** With it, the store lives in PostgreSQL (DB_FILE is then unused); without it, in the JSON file. */
  DATABASE_URL: DatabaseUrl.optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'must be a schema name of lower-case letters, digits and _, e.g. trade_brief',
    )
    .default('public'),
  SEED_FILE: z.string().min(1).default('data/seed.json'),
  /** Where the terminal and the CLI write the files a reply carries (charts); default: files/ beside DB_FILE. */
  FILES_DIR: z.string().min(1).optional(),
  SOURCES_FILE: z.string().min(1).default('data/sources.json'),
  SOURCES_ENABLED: z
    .enum(['true', 'false'], 'must be true or false')
    .default('true')
    .transform((v) => v === 'true'),
  TIME_ZONE: TimeZone.optional(),
  FOCUS_COUNTRY: z
    .string()
    .transform((s) => s.toUpperCase())
    .refine(isCountryCode, 'must be an ISO country code such as CN')
    .default('CN'),
  EDITORS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(EditorRef)),
  CONSOLE_EDITOR: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** json: one JSON object a line (production); pretty: readable lines; auto: pretty when stderr is a terminal. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  SLACK_BOT_TOKEN: optionalSecret('SLACK_BOT_TOKEN'),
  SLACK_APP_TOKEN: optionalSecret('SLACK_APP_TOKEN'),
  SLACK_SIGNING_SECRET: optionalSecret('SLACK_SIGNING_SECRET'),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DISCORD_TOKEN: optionalSecret('DISCORD_TOKEN'),
  DISCORD_APP_ID: z
    .string()
    .regex(/^\d{5,25}$/, 'must be the numeric application id')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{5,25}$/, 'must be a numeric server (guild) id')
    .optional(),
  DISCORD_API_URL: z.url().optional(),
  /** The /healthz and /metrics server: off unless set (0 picks a free port). */
  WEB_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  /** Seconds without a scheduler round after which /healthz answers 503. */
  /** Where the web server is reached from outside (a proxy in front of WEB_PORT): calendar links start with it. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address such as https://trade.example.org' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** A shared token for the calendar feed (for a team calendar); people also get their own from `calendar`. */
  CALENDAR_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{24,128}$/,
      'must be 24 to 128 letters, digits, - or _ (a long random string, e.g. from openssl rand -hex 24)',
    )
    .optional(),
  HEALTH_MAX_TICK_AGE: z.coerce.number().int().min(1).max(86_400).default(120),
  REMINDER_GRACE: graceWindow('6h'),
  DIGEST_GRACE: graceWindow('2h'),
  SLACK_ADMINS_ARE_EDITORS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

type Raw = z.infer<typeof ConfigSchema>;

/** Settings that are fine alone but wrong together; each names the variable and what would be valid. */
export function platformProblems(c: Raw): string[] {
  const p: string[] = [];
  if (c.SLACK_BOT_TOKEN && !c.SLACK_BOT_TOKEN.startsWith('xoxb-'))
    p.push('SLACK_BOT_TOKEN: must be the bot token, which starts with xoxb-');
  if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith('xapp-'))
    p.push('SLACK_APP_TOKEN: must be an app-level token, which starts with xapp-');
  if (!c.SLACK_BOT_TOKEN && (c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET))
    p.push('SLACK_BOT_TOKEN: is needed as well when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
    p.push('SLACK_SIGNING_SECRET: is required in HTTP mode; or set SLACK_APP_TOKEN (xapp-…) for Socket Mode');
  if (c.PUBLIC_URL && c.WEB_PORT === undefined)
    p.push('WEB_PORT: is needed as well when PUBLIC_URL is set (the calendar feed is served on WEB_PORT)');
  if (!c.DISCORD_TOKEN && (c.DISCORD_GUILD_ID || c.DISCORD_APP_ID) && !c.SLACK_BOT_TOKEN)
    p.push('DISCORD_TOKEN: is needed to run on Discord (DISCORD_APP_ID / DISCORD_GUILD_ID are set)');
  return p;
}
export type Config = Raw & { TIME_ZONE: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One line per problem: a value quoted from the environment cannot break a line or send escapes.
    super(`Configuration problems:\n${problems.map((p) => `  - ${escapeControls(p)}`).join('\n')}`);
  }
}

/** Reads .env (if present) under the process environment, which wins. */
export function loadEnv(env: NodeJS.ProcessEnv, envFile = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...env };
}

/** Parses the configuration once; every problem is reported together and no value is ever echoed. */
export function parseConfig(env: Record<string, string | undefined>, systemZone: string): Config {
  // An empty value (as in a copied .env.example) means "use the default".
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const r = ConfigSchema.safeParse(known);
  if (!r.success) {
    const named = r.error.issues.map((i) => `${String(i.path[0] ?? 'config')}: ${i.message}`);
    const seen = new Set(named.map((n) => n.split(':')[0]));
    const more = platformProblems(known as unknown as Raw).filter((p) => !seen.has(p.split(':')[0]));
    throw new ConfigError([...named, ...more]);
  }
  const problems = platformProblems(r.data);
  if (problems.length) throw new ConfigError(problems);
  return { ...r.data, TIME_ZONE: r.data.TIME_ZONE ?? systemZone };
}
