import { Global, Module } from '@nestjs/common';
import { ModelRegistry } from './engine/model-registry.js';
import { loadShippedModels } from './models/index.js';

/** The shipped scorecards, validated and compiled once at start, shared by api and worker. */
@Global()
@Module({
  providers: [{ provide: ModelRegistry, useFactory: () => loadShippedModels() }],
  exports: [ModelRegistry],
})
export class ScoringModelsModule {}
