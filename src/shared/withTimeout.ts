import { VaultGitError } from './errors.js';

export class TimeoutError extends VaultGitError {}

/** Races a promise against a timer; the timer never keeps the process alive. */
export function withTimeout<T>(work: () => Promise<T>, ms: number, describe: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(describe())), ms);
    timer.unref();
    let promise: Promise<T>;
    try {
      promise = work();
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
