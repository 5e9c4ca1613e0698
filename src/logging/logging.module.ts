import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { createAccessLogger, createRootLogger } from './logger.js';
import { PinoNestLogger } from './pino-nest-logger.js';

export const ROOT_LOGGER = Symbol('RootLogger');
export const ACCESS_LOGGER = Symbol('AccessLogger');

/** The process's pino logger, and Nest's logger on top of it. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const root = createRootLogger(config, destination);
    return {
      module: LoggingModule,
      providers: [
        { provide: ROOT_LOGGER, useValue: root },
        { provide: ACCESS_LOGGER, useValue: createAccessLogger(config, root) },
        { provide: PinoNestLogger, useFactory: (logger: Logger) => new PinoNestLogger(logger), inject: [ROOT_LOGGER] },
      ],
      exports: [ROOT_LOGGER, ACCESS_LOGGER, PinoNestLogger],
    };
  }
}
