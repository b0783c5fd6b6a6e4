import type { OpenedBackend } from '../vault/openBackend.js';

/** What commands need from the process, injected so tests can call a command without argv or a terminal. */
export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  /** stdout: data only (tables, JSON, env lines). */
  out(text: string): void;
  /** stderr: every sentence meant for a person. */
  err(text: string): void;
  /** Asks on the controlling terminal; throws NoTerminalError when there is none. */
  ask(question: string, options: { secret: boolean; purpose: string }): Promise<string>;
  openBackend(requested: string | undefined): Promise<OpenedBackend>;
  now(): Date;
}
