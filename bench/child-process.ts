import { type ChildProcess, spawn } from 'node:child_process';
import { type CompiledBot, compiledSeededBot, ensureDistBuilt } from './compiled-app.js';

/** A bench server in its own process, talking over IPC, so it never shares the load generator's event loop. */
export interface BenchChild<M> {
  readonly process: ChildProcess;
  /** True once the process has exited. */
  gone(): boolean;
  /** The next IPC message `pick` accepts; rejects if the child exits or stays silent for `ms`. */
  next(what: string, pick: (m: M) => boolean, ms: number): Promise<M>;
  /** SIGTERM, then SIGKILL after `killAfterMs`; resolves when it has exited. */
  stop(killAfterMs?: number): Promise<void>;
}

/**
 * Starts `script` under tsx with an IPC channel; `name` is how errors refer to it. With `profileDir`,
 * node writes a CPU profile there (--cpu-prof), to see where a bot's time goes.
 */
export function startBenchChild<M>(
  script: string,
  args: readonly string[],
  name: string,
  cwd: string,
  profileDir?: string,
): BenchChild<M> {
  ensureDistBuilt(cwd);
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, ...args], {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  return {
    process: child,
    gone: () => gone,
    next: (what, pick, ms) =>
      new Promise<M>((resolve, reject) => {
        const done = (error?: Error, m?: M) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(m as M);
        };
        const onMessage = (m: M) => {
          if (pick(m)) done(undefined, m);
        };
        const onExit = (code: number | null) => done(new Error(`the ${name} exited (${code}) ${what}`));
        const timer = setTimeout(() => done(new Error(`the ${name}: no answer ${what}`)), ms);
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    async stop(killAfterMs = 10_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What a bench child runs: an app (or bot) it can stop. */
export interface ChildApp {
  stop(): Promise<void>;
}

/** Child processes stop by themselves after this long, should their parent forget them. */
const CHILD_MAX_LIFETIME_MS = 10 * 60_000;

/**
 * The child's side of startBenchChild: sends `ready` once, answers each IPC message with `answer(message)`
 * (when it returns something), and stops `app` then exits on SIGTERM (0), when the parent goes away (0), or
 * after CHILD_MAX_LIFETIME_MS (3), waiting at most 5 s for the app to stop.
 */
export function serveBenchChild(
  app: ChildApp,
  ready: object,
  answer: (message: unknown) => object | undefined,
) {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    app
      .stop()
      .catch(() => undefined)
      .finally(() => process.exit(code));
    setTimeout(() => process.exit(code), 5_000).unref();
  };
  process.once('SIGTERM', () => stop(0));
  process.once('disconnect', () => stop(0));
  process.on('message', (message) => {
    const reply = answer(message);
    if (reply) process.send?.(reply);
  });
  setTimeout(() => stop(3), CHILD_MAX_LIFETIME_MS).unref();
  process.send?.(ready);
}

/**
 * Runs `start` on a bot over a seeded store (data/seed.json in a temp folder, a manual clock at `nowIso`), and
 * returns its platform with the store closed after it on stop (or at once, if `start` fails).
 */
export async function onSeededBot<P extends ChildApp>(
  nowIso: string,
  start: (bot: CompiledBot) => Promise<P>,
): Promise<P> {
  const t = await compiledSeededBot(nowIso);
  try {
    const platform = await start(t.bot);
    return {
      ...platform,
      async stop() {
        try {
          await platform.stop();
        } finally {
          await t.close();
        }
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** Reports why a bench child could not start, and exits 1. */
export function childFailed(name: string) {
  return (error: unknown): never => {
    process.stderr.write(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  };
}
