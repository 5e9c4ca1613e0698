import { Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { NotAcceptableError } from './batch-errors.js';
import { BatchJobDto, ResultsQueryDto, UploadQueryDto } from './dto/batch-job.dto.js';
import { presentJob } from './jobs/batch-job.presenter.js';
import { BatchJobsService } from './jobs/batch-jobs.service.js';
import { RESULT_CSV_COLUMNS, type ResultFormat } from './results/results-export.js';
import { BatchIngestService } from './upload/batch-ingest.service.js';
import { csvTemplate } from './upload/csv-template.js';
import { openUpload } from './upload/open-upload.js';
import { UPLOAD_ROUTE } from './upload/upload-http.setup.js';

const BatchJobPageDto = PageOf(BatchJobDto);
const jobId = () => new IdPipe('bat', 'batch scoring job');

const UPLOAD_DESCRIPTION = [
  'Upload a portfolio as `text/csv` (a header row of dotted field paths: `applicant.idNumber`, `bureau.debtRatio`, `cashFlow.monthlyRevenue` as a `;`-separated list, plus `externalRef` and `product`; see the template), as `application/x-ndjson` (one `POST /v1/scores` body per line, without `consentId`, plus `externalRef`), or as a `multipart/form-data` file part.',
  'The body is streamed into the database, never held in memory; rows are numbered from 1 (blank lines are not rows). Limits: 1,000,000 rows and 512 MiB by default; over a limit the answer is 413 and nothing is stored.',
  'Each row is checked on arrival: a bad row gets an error in the results (`{field, message}`) and does not stop the job. ID and phone numbers are never stored: the ID number is kept only as its keyed hash, with the derived age and validity.',
  'Answers 202 with the job, `queued`; workers score it in chunks with the real-time engine. Rows are portfolio reviews: they do not feed the consortium velocity counters, so fraud scores use the non-velocity rules only. Each scored row of a live key\'s job is a billable `batch_rows` unit (a test key\'s job is free).',
].join('\n\n');

@ApiTags('Batch scoring')
@Controller('v1/batch-scoring-jobs')
@PartnerAuth()
@RequireScopes('batch:write')
export class BatchJobsController {
  constructor(
    private readonly ingest: BatchIngestService,
    private readonly jobs: BatchJobsService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload a portfolio for batch scoring', description: UPLOAD_DESCRIPTION })
  @ApiConsumes('text/csv', 'application/x-ndjson', 'multipart/form-data')
  @ApiBody({
    required: true,
    description:
      'The rows: a CSV file with a header row (`GET /v1/batch-scoring-jobs/template.csv`), NDJSON lines, or a multipart/form-data body whose `file` part is either.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiAcceptedResponse({ type: BatchJobDto })
  @Idempotent()
  @ApiProblemResponses(400, 409, 413, 415, 422)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Query() query: UploadQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchJobDto> {
    const upload = await openUpload(request, query.format);
    const job = await this.ingest.ingest(principal, upload, query.consentAttestation);
    reply.header('location', `${UPLOAD_ROUTE}/${job.id}`);
    return presentJob(job);
  }

  @Get()
  @ApiOperation({ summary: 'List batch scoring jobs', description: 'Your jobs, newest first, with their progress.' })
  @ApiOkResponse({ type: BatchJobPageDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQueryDto): Promise<Page<BatchJobDto>> {
    const page = await this.jobs.list(principal, query);
    const progress = await this.jobs.progress(page.data);
    return mapPage(page, (job) => presentJob(job, progress.get(job.id)));
  }

  @Get('template.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="batch-scoring-template.csv"')
  @ApiOperation({ summary: 'Download the CSV template', description: 'Every accepted column, with a consumer and a merchant example row.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The template.', content: { 'text/csv': { schema: { type: 'string' } } } })
  template(): string {
    return csvTemplate();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Retrieve a batch scoring job',
    description: 'Status (`queued`, `running`, `completed`, `failed`, `cancelled`), row counters, throughput, and on completion (or cancellation, of the rows scored) the portfolio summary: decision and grade counts, a credit-score histogram in 20-point bins and the mean fraud score.',
  })
  @ApiOkResponse({ type: BatchJobDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', jobId()) id: string): Promise<BatchJobDto> {
    const job = await this.jobs.get(principal, id);
    return presentJob(job, (await this.jobs.progress([job])).get(job.id));
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Download the results',
    description: `One line per input row, in row order: \`rowNumber\`, \`externalRef\` and the score fields, or the row's \`error\`. \`Accept: text/csv\` gives CSV (columns ${RESULT_CSV_COLUMNS.join(', ')}; reasons as \`;\`-separated codes), \`Accept: application/x-ndjson\` one JSON object per line with reason texts in the language of Accept-Language; without a preference, the format of the upload. Streamed; available once the job is completed (or cancelled or failed: the rows processed), or, with \`follow=true\`, while it runs: rows are sent as their chunks are written, still in row order, and the response ends with the job.`,
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The results, streamed.', content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } })
  @ApiProblemResponses(404, 406, 409)
  async results(
    @CurrentPrincipal() principal: Principal,
    @Param('id', jobId()) id: string,
    @Query() query: ResultsQueryDto,
    @Headers('accept') accept: string | undefined,
    @AcceptLanguage() language: Language,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    // Declared `unknown` (it is a Readable): the swagger plugin would import the stream type into its metadata.
    const job = await this.jobs.get(principal, id);
    const format = negotiate(accept, job.format);
    const stream = await this.jobs.openResults(principal, id, format, language, query.follow === 'true');
    reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${id}-results.${format}"`)
      .header('cache-control', 'no-store');
    return stream;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Cancel a batch scoring job',
    description: 'A queued or running job stops: chunks not yet written are dropped, unbilled; the rows this answer counts (and summarises) stay in the results (and are billed), and the counts do not change afterwards. Cancelling again is a no-op; a completed or failed job answers 409.',
  })
  @ApiOkResponse({ type: BatchJobDto })
  @ApiProblemResponses(404, 409)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', jobId()) id: string): Promise<BatchJobDto> {
    const job = await this.jobs.cancel(principal, id);
    return presentJob(job, (await this.jobs.progress([job])).get(job.id));
  }
}

/** CSV or NDJSON from Accept; no preference → the upload's own format. */
export function negotiate(accept: string | undefined, uploaded: ResultFormat): ResultFormat {
  if (!accept) return uploaded;
  const types = accept.split(',').map((t) => t.split(';', 1)[0].trim().toLowerCase());
  for (const type of types) {
    if (type === 'text/csv') return 'csv';
    if (type === 'application/x-ndjson' || type === 'application/ndjson') return 'ndjson';
  }
  if (types.some((t) => t === '*/*' || t === 'text/*' || t === 'application/*' || t === '')) return uploaded;
  throw new NotAcceptableError();
}
