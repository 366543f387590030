import { type ChildProcess, spawn } from 'node:child_process';

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
