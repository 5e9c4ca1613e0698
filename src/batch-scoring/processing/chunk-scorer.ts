import { decideOnApplication, modelNameFor } from '../../scoring/application-decision.js';
import { decodeFacts } from '../rows/facts-codec.js';
import type { ModelRegistry } from '../../scoring/engine/model-registry.js';
import type { FraudSignals } from '../../scoring/fraud/fraud-rules.js';
import { FIELD_SEPARATOR } from '../rows/staged-format.js';
import { copyField } from '../storage/copy-text.js';
import { countScored, emptySummary, type ChunkSummary } from './batch-summary.js';

/**
 * Scores staged rows with the real-time engine (`decideOnApplication`, the same pure function
 * `POST /v1/scores` calls) and encodes their result rows. Pure: no I/O, so it can be timed
 * alone (the bench's ceiling) and tested without a database.
 *
 * Batch rows are portfolio reviews, not applications: they neither read nor feed the
 * consortium velocity counters. Fraud is scored on the rules that need no velocity (invalid
 * ID, age, amount against limit, identity facts, partner signals); credit fields are exactly
 * those of `POST /v1/scores` for the same applicant.
 *
 * Input is a staged row (rows/staged-format.ts), output a COPY text line of `batch_results_<job>`.
 */

export const NO_VELOCITY: FraudSignals = { idNumber: null, phone: null, device: null, distinctPartners30d: null, identityFailures30d: null };

const N = '\\N';

export class ChunkScorer {
  readonly summary: ChunkSummary = emptySummary();
  rows = 0;

  constructor(
    private readonly models: ModelRegistry,
    private readonly pins: Readonly<Record<string, string>>,
  ) {}

  /** One staged row (staged-format) → its result row (COPY text). */
  scoreRow(staged: string): string {
    const f = staged.split(FIELD_SEPARATOR);
    const rowNumber = f[0];
    const ref = f[1] ? copyField(f[1]) : N;
    this.rows++;
    const encodedFacts = f[3];
    if (!encodedFacts) return this.failed(rowNumber, ref, f[4] || 'row', f[5] || 'the row could not be read');
    const facts = decodeFacts(encodedFacts);
    let o;
    try {
      o = decideOnApplication(facts, NO_VELOCITY, this.models, this.pins[modelNameFor(facts)]);
    } catch {
      // A row the engine cannot score must not take its neighbours down with it.
      return this.failed(rowNumber, ref, 'row', 'the row could not be scored');
    }
    countScored(this.summary, o);
    let codes = '';
    let kinds = '';
    for (const r of o.reasons) {
      codes = codes.length === 0 ? r.code : `${codes};${r.code}`;
      kinds += r.direction === 'positive' ? 'p' : r.missing ? 'm' : 'n';
    }
    let fraud = '';
    for (const r of o.fraudReasons) fraud = fraud.length === 0 ? r.code : `${fraud};${r.code}`;
    return (
      `${rowNumber}\t${ref}\t${f[2] || N}\t${facts.product}\t${o.modelVersion}\t${o.creditScore}\t${o.fraudScore}\t${o.grade}\t${o.decision}\t` +
      `${o.decisionReasons.join(';')}\t${o.creditLimitMinor}\t${o.aprPercent}\t${codes}\t${kinds}\t${fraud}\t${N}\t${N}\n`
    );
  }

  private failed(rowNumber: string, ref: string, field: string, message: string): string {
    this.summary.failed++;
    return `${rowNumber}\t${ref}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${copyField(field)}\t${copyField(message)}\n`;
  }
}
