import type { JobDefinition } from './types.ts';

export type JobRegistry = {
  /** The definition for `name`; throws for a name nobody registered. */
  get(name: string): JobDefinition;
  has(name: string): boolean;
  names(): string[];
};

/** The jobs this process can run. Workers claim only these names, so an older worker never takes a newer job. */
export function createJobRegistry(defs: readonly JobDefinition[]): JobRegistry {
  const byName = new Map<string, JobDefinition>();
  for (const def of defs) {
    if (byName.has(def.name)) throw new Error(`job "${def.name}" is registered twice`);
    byName.set(def.name, def);
  }
  return {
    get(name) {
      const def = byName.get(name);
      if (!def) throw new Error(`unknown job "${name}"; registered: ${[...byName.keys()].join(', ') || 'none'}`);
      return def;
    },
    has: (name) => byName.has(name),
    names: () => [...byName.keys()],
  };
}
