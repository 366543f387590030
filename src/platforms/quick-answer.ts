/** Answers that are ready this fast go out in the first response; slower ones are deferred. */
export const QUICK_MS = 1500;

/** The result of `work` if it settles within `ms`, otherwise undefined (the work goes on). */
export async function within<T>(work: Promise<T>, ms = QUICK_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
