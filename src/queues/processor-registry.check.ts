import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { assertHandlersCover, type JobHandlers, type QueueName } from './queue-registry.js';
import { TypedProcessor } from './typed-processor.js';

/** Refuses to run processors if a registered job has no handler (a silent dead queue otherwise). */
@Injectable()
export class ProcessorRegistryCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const handled = new Map<QueueName, JobHandlers>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof TypedProcessor) {
        handled.set(instance.queue, { ...handled.get(instance.queue), ...instance.handlers });
      }
    }
    assertHandlersCover(handled);
  }
}
