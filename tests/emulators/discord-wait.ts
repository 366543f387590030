/** Resolves with the first truthy value of `predicate`, polled every few ms; rejects after `ms` naming `what`. */
export function waitFor<T>(predicate: () => T, ms = 2000, what = 'a condition'): Promise<NonNullable<T>> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      try {
        const value = predicate();
        if (value) resolve(value as NonNullable<T>);
        else if (Date.now() - started >= ms) {
          reject(new Error(`Discord emulator: timed out after ${ms} ms waiting for ${what}`));
        } else setTimeout(poll, 5);
      } catch (error) {
        reject(error);
      }
    };
    poll();
  });
}
