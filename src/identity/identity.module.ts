import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityCheckRecord } from './identity-check.entity.js';
import { IdentitySignals } from './identity-signals.service.js';
import { IdentityController } from './identity.controller.js';
import { IdentityService } from './identity.service.js';
import { PiiHasher } from './pii-hasher.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([IdentityCheckRecord])],
  controllers: [IdentityController],
  providers: [IdentityService, PiiHasher, IdentitySignals],
  exports: [PiiHasher, IdentitySignals],
})
export class IdentityModule {}
