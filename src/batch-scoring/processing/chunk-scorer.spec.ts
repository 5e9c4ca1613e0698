import { decideOnApplication } from '../../scoring/application-decision.js';
import { loadShippedModels } from '../../scoring/models/index.js';
import { decodeFacts } from '../rows/facts-codec.js';
import { RowPreparer } from '../rows/row-preparation.js';
import { forEachStagedRow } from '../rows/staged-format.js';
import { StagedRowEncoder } from '../rows/staged-row-encoder.js';
import { residentIdCheckCharacter } from '../../identity/domain/resident-id.js';
import { scoreStagedBlock } from '../threads/score-staged-block.js';
import { ChunkScorer, NO_VELOCITY } from './chunk-scorer.js';

const models = loadShippedModels();
const body = '11010519900307123';
const id = body + residentIdCheckCharacter(body);

describe('ChunkScorer', () => {
  it('writes each row the engine outcome (no velocity), or its error, as a results COPY line', () => {
    const encoder = new StagedRowEncoder('ndjson', new RowPreparer(Buffer.from('k'.repeat(40)), '2026-11-29'), 100, 100);
    const lines = [
      { externalRef: 'back\\slash', product: 'consumer', applicant: { idNumber: id }, bureau: { debtRatio: 0.3, monthlyIncome: '12000.00' } },
      { externalRef: 'bad', product: 'consumer', applicant: { idNumber: '1' } },
    ];
    const copy = encoder.push(lines.map((l) => JSON.stringify(l)).join('\n')) + encoder.end();
    // As PostgreSQL stores it: the COPY escaping undone.
    const block = copy.slice(copy.indexOf('\t') + 1, -1).replace(/\\\\/g, '\\');
    const staged: string[] = [];
    forEachStagedRow(block, (r) => staged.push(r));

    const scorer = new ChunkScorer(models, {});
    const out = Buffer.from(scoreStagedBlock(scorer, block)).toString('utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(scorer.rows).toBe(2);
    expect(scorer.summary).toMatchObject({ scored: 1, failed: 1 });
    // Externally supplied text is escaped again for the results COPY.
    expect(out[0].slice(0, 2)).toEqual(['1', 'back\\\\slash']);
    const expected = decideOnApplication(decodeFacts(staged[0].split('\u001f')[3]), NO_VELOCITY, models);
    expect(out[0].slice(3, 12)).toEqual(['consumer', expected.modelVersion, String(expected.creditScore), String(expected.fraudScore), expected.grade, expected.decision, expected.decisionReasons.join(';'), String(expected.creditLimitMinor), expected.aprPercent]);
    expect(out[0][12]).toBe(expected.reasons.map((r) => r.code).join(';'));
    expect(out[1].slice(0, 2)).toEqual(['2', 'bad']);
    expect(out[1].slice(15)).toEqual(['applicant.idNumber', 'idNumber must be 17 digits followed by a digit or X']);
  });
});
