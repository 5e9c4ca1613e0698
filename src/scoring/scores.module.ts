import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module.js';
import { VelocityService } from './fraud/velocity.service.js';
import { DecisionWriter } from './decision-writer.service.js';
import { ScoreDecision } from './score-decision.entity.js';
import { ScoresController } from './scores.controller.js';
import { ScoresService } from './scores.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ScoreDecision]), IdentityModule],
  controllers: [ScoresController],
  providers: [ScoresService, VelocityService, DecisionWriter],
  exports: [ScoresService, VelocityService],
})
export class ScoresModule {}
