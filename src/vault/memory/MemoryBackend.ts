import type { Backend, ItemKind } from '../Backend.js';

/** An in-process backend for unit tests. Never selectable from the command line. */
export class MemoryBackend implements Backend {
  readonly name = 'memory' as const;
  readonly location = 'memory';
  private readonly items = new Map<string, string>();

  async get(kind: ItemKind, name: string): Promise<string | undefined> {
    return this.items.get(`${kind}\0${name}`);
  }

  async set(kind: ItemKind, name: string, secret: string): Promise<void> {
    this.items.set(`${kind}\0${name}`, secret);
  }

  async delete(kind: ItemKind, name: string): Promise<boolean> {
    return this.items.delete(`${kind}\0${name}`);
  }

  async list(kind: ItemKind): Promise<string[]> {
    const prefix = `${kind}\0`;
    return [...this.items.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
  }
}
