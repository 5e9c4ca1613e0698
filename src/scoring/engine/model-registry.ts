import type { LoadModelOptions } from './model-loader.js';
import { loadScorecard, type CompiledScorecard } from './scorecard.js';

/**
 * Compiled models by `name@version`, with the latest version of each name (by version label,
 * compared as strings: use sortable labels such as dates). A tenant pinned to a version asks for
 * `resolve(name, version)`; everyone else gets the latest.
 */
export class ModelRegistry {
  private readonly byVersion = new Map<string, CompiledScorecard>();
  private readonly latestByName = new Map<string, CompiledScorecard>();

  constructor(models: Iterable<CompiledScorecard> = []) {
    for (const m of models) this.add(m);
  }

  /** Validates, compiles and registers a model artifact (throws ScorecardModelError if invalid). */
  load(artifact: unknown, options: LoadModelOptions = {}): CompiledScorecard {
    const card = loadScorecard(artifact, options);
    this.add(card);
    return card;
  }

  add(card: CompiledScorecard): void {
    if (this.byVersion.has(card.modelVersion)) throw new RangeError(`model ${card.modelVersion} is already registered`);
    this.byVersion.set(card.modelVersion, card);
    const current = this.latestByName.get(card.model.name);
    if (!current || card.model.version > current.model.version) this.latestByName.set(card.model.name, card);
  }

  /** `name@version` → model, or undefined. */
  get(modelVersion: string): CompiledScorecard | undefined {
    return this.byVersion.get(modelVersion);
  }

  /** The pinned version when given, else the latest version of the name. Throws when unknown. */
  resolve(name: string, pinnedVersion?: string | null): CompiledScorecard {
    const card = pinnedVersion ? this.byVersion.get(pinnedVersion.includes('@') ? pinnedVersion : `${name}@${pinnedVersion}`) : this.latestByName.get(name);
    if (!card || card.model.name !== name) throw new RangeError(`no model ${pinnedVersion ? `${name}@${pinnedVersion.replace(/^.*@/, '')}` : name} is registered`);
    return card;
  }

  /** All registered `name@version` strings, sorted. */
  versions(): string[] {
    return [...this.byVersion.keys()].sort();
  }
}
