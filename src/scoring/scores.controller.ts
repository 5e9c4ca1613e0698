import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, PaginationQueryDto, type Page } from '../common/pagination/pagination.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { ScoreDto } from './dto/score.dto.js';
import { ScoreRequestDto } from './dto/score-request.dto.js';
import { presentScore } from './score.presenter.js';
import { ScoresService } from './scores.service.js';

const ScorePageDto = PageOf(ScoreDto);

@ApiTags('Scores')
@Controller('v1/scores')
@PartnerAuth()
@RequireScopes('scores:write')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Post()
  @ApiOperation({
    summary: 'Score an applicant',
    description:
      'Credit score (300–900), fraud score (0–1000), grade, decision, credit limit and APR, with up to 4 reasons in the language of Accept-Language. Needs a consent with purpose `credit_scoring` naming this applicant (403 `consent_required`, `consent_expired`, `consent_revoked`, `consent_subject_mismatch`). A bureau section selects the bureau scorecard; without one the thin-file card scores behaviour and identity facts; `merchant` scores `cashFlow`. Every decision is stored immutably.',
  })
  @ApiCreatedResponse({ type: ScoreDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: ScoreRequestDto, @AcceptLanguage() language: Language): Promise<ScoreDto> {
    return presentScore(await this.scores.score(principal, body), language);
  }

  @Get()
  @ApiOperation({ summary: 'List scores', description: 'Your decisions, newest first.' })
  @ApiOkResponse({ type: ScorePageDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQueryDto, @AcceptLanguage() language: Language): Promise<Page<ScoreDto>> {
    return mapPage(await this.scores.list(principal, query), (d) => presentScore(d, language));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a score', description: 'The stored decision, reasons in the language of Accept-Language.' })
  @ApiOkResponse({ type: ScoreDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new IdPipe('scr', 'score')) id: string, @AcceptLanguage() language: Language): Promise<ScoreDto> {
    return presentScore(await this.scores.get(principal, id), language);
  }
}
