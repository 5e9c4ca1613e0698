import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type ResolvedDatabase } from './data-source-options.js';

/** TypeORM on the database the bootstrap resolved (a real server, or embedded PGlite). */
@Module({})
export class DatabaseModule {
  static forRoot(database: ResolvedDatabase, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions(database, applicationName) })],
      exports: [TypeOrmModule],
    };
  }
}


