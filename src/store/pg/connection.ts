import type pg from 'pg';

/** The URL with its password replaced by `***` and its query dropped: safe for logs, errors and `location`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return 'the DATABASE_URL (not shown: it is not a valid URL)';
  }
}

/** What a PgStore connects to. */
export interface PgTarget {
  /** A postgres:// URL; the password never leaves this object. */
  url: string;
  /** The schema holding the store's tables (created if missing). */
  schema: string;
}

/** A quoted SQL identifier. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Client settings for `target`: every session's search_path is the store's schema, and it says who it is. */
export function clientConfig(target: PgTarget, connectMs: number): pg.ClientConfig {
  return {
    connectionString: target.url,
    options: `-c search_path=${ident(target.schema)}`,
    application_name: `trade-brief:${target.schema}`,
    connectionTimeoutMillis: connectMs,
    keepAlive: true,
  };
}

/** Error codes of a connection that failed or was lost (node's and PostgreSQL's SQLSTATE). */
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const SQL_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Whether `error` means the database could not be reached or the connection dropped (not a problem of the query). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NODE_CODES.has(code) || SQL_CODES.has(code) || code.startsWith('08')))
    return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Client was closed/i.test(
    error.message,
  );
}

/** Whether the server refused who we are or what we asked to open (password, user, database name). */
export function isAccessError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === '28P01' || code === '28000' || code === '3D000' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
  );
}

/** Why a connection at start-up failed, in words (never the URL or its password). */
export function connectProblem(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const byCode: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused (is the server running, and on that host and port?)',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name does not resolve',
    ETIMEDOUT: 'the server did not answer in time',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    '28P01': 'the password was refused',
    '28000': 'the server refused this user or host',
    '3D000': 'the database does not exist',
    '57P03': 'the server is starting up or shutting down',
    '53300': 'the server has too many connections',
    '42501': 'the user may not create the store’s schema or tables',
  };
  if (byCode[code]) return byCode[code];
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (/timeout/i.test(message)) return 'the server did not answer in time';
  // A server's own message names no password; the first line only, so nothing long or multi-line is printed.
  return (message.split('\n')[0] ?? '').slice(0, 200) || 'an unknown error';
}
