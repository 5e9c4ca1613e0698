/**
 * Trains a scorecard from a labelled CSV and writes the model (JSON, or a TypeScript module when
 * --out ends in .ts) plus a report on the holdout rows.
 *
 *   node dist/scoring/training/train.cli.js --data <csv> --target <col> --holdout <index file>
 *        --out <model.json|model.ts> [--exclude col1,col2] [--name consumer-bureau]
 *        [--version 2026-11-29] [--product consumer|merchant] [--preset auto|none|gmsc|german]
 *        [--map Source=target,…] [--categorical col,…] [--l2 1] [--min-iv 0.02]
 *        [--initial-bins 50] [--max-bins 15] [--min-bin-share 0.005] [--shape auto|monotone|none]
 *        [--base-score 600] [--base-odds 50] [--pdo 20] [--missing-policy cap|learned]
 *        [--report report.json] [--created-at YYYY-MM-DD]
 *
 * Exit codes: 0 trained, 1 failed, 2 bad usage.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SCALING } from '../engine/model-types.js';
import { DEFAULT_BINNING } from './binning.js';
import { readCsvFile, readHoldoutIndex } from './csv.js';
import { detectPreset, presetById, type DatasetPreset } from './dataset-presets.js';
import { formatReport, modelToJson, modelToTypeScript } from './emit.js';
import { trainScorecard } from './trainer.js';

const USAGE =
  'usage: train.cli --data <csv> --target <col> --holdout <index file> --out <model.json|model.ts> ' +
  '[--exclude a,b] [--name n] [--version v] [--product consumer|merchant] [--preset auto|none|gmsc|german] ' +
  '[--map Src=dst,…] [--categorical a,b] [--l2 x] [--min-iv x] [--initial-bins n] [--max-bins n] ' +
  '[--min-bin-share x] [--shape auto|monotone|none] [--base-score n] [--base-odds n] [--pdo n] [--missing-policy cap|learned] [--report file.json] [--created-at YYYY-MM-DD]';

class UsageError extends Error {}

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function num(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

function typesImportFor(outFile: string): string {
  const types = resolve('src/scoring/engine/model-types.js');
  let rel = relative(dirname(outFile), types).split(sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** Runs the command; `print` receives the report lines (the console by default). */
export async function main(argv: string[], print: (text: string) => void = (text) => console.log(text)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: 'string' },
      target: { type: 'string' },
      holdout: { type: 'string' },
      out: { type: 'string' },
      exclude: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      product: { type: 'string' },
      preset: { type: 'string' },
      map: { type: 'string' },
      categorical: { type: 'string' },
      l2: { type: 'string' },
      'min-iv': { type: 'string' },
      'initial-bins': { type: 'string' },
      'max-bins': { type: 'string' },
      'min-bin-share': { type: 'string' },
      shape: { type: 'string' },
      'base-score': { type: 'string' },
      'base-odds': { type: 'string' },
      pdo: { type: 'string' },
      report: { type: 'string' },
      'created-at': { type: 'string' },
      'missing-policy': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const { data, target, holdout, out } = values;
  if (!data || !target || !holdout || !out) throw new UsageError('--data, --target, --holdout and --out are required');
  if (!/\.(json|ts)$/.test(out)) throw new UsageError('--out must end in .json or .ts');
  const product = values.product ?? 'consumer';
  if (product !== 'consumer' && product !== 'merchant') throw new UsageError('--product must be consumer or merchant');
  const shape = values.shape ?? DEFAULT_BINNING.shape;
  if (shape !== 'auto' && shape !== 'monotone' && shape !== 'none') throw new UsageError('--shape must be auto, monotone or none');
  const missingPolicy = values['missing-policy'] ?? 'cap';
  if (missingPolicy !== 'cap' && missingPolicy !== 'learned') throw new UsageError('--missing-policy must be cap or learned');
  const createdAt = values['created-at'] ?? new Date().toISOString().slice(0, 10);
  const mapping: Record<string, string> = {};
  for (const pair of list(values.map)) {
    const [from, to] = pair.split('=');
    if (!from || !to) throw new UsageError(`--map entries look like Source=target, got '${pair}'`);
    mapping[from] = to;
  }

  const table = await readCsvFile(data);
  const holdoutRows = await readHoldoutIndex(holdout, table.rows.length);
  let preset: DatasetPreset | undefined;
  const presetArg = values.preset ?? 'auto';
  if (presetArg === 'auto') preset = detectPreset(table.header);
  else if (presetArg !== 'none') {
    preset = presetById(presetArg);
    if (!preset) throw new UsageError(`unknown --preset '${presetArg}'`);
  }
  const name = values.name ?? basename(out).replace(/\.(json|ts)$/, '');
  const version = values.version ?? createdAt;

  const { model, report } = trainScorecard(table, holdoutRows, {
    target,
    name,
    version,
    product,
    dataFile: basename(data),
    createdAt,
    exclude: list(values.exclude),
    ...(preset ? { preset } : {}),
    columnMapping: mapping,
    categorical: list(values.categorical),
    l2: num(values.l2, 'l2', 1),
    minIv: num(values['min-iv'], 'min-iv', 0.02),
    missingPolicy,
    binning: {
      initialBins: num(values['initial-bins'], 'initial-bins', DEFAULT_BINNING.initialBins),
      maxBins: num(values['max-bins'], 'max-bins', DEFAULT_BINNING.maxBins),
      ...(values['min-bin-share'] !== undefined ? { minBinShare: num(values['min-bin-share'], 'min-bin-share', 0) } : {}),
      shape,
    },
    scaling: {
      ...DEFAULT_SCALING,
      baseScore: num(values['base-score'], 'base-score', DEFAULT_SCALING.baseScore),
      baseOdds: num(values['base-odds'], 'base-odds', DEFAULT_SCALING.baseOdds),
      pdo: num(values.pdo, 'pdo', DEFAULT_SCALING.pdo),
    },
  });

  const command = `train.cli ${argv.map((a) => (/[\s,]/.test(a) && !a.startsWith('--') ? `'${a}'` : a)).join(' ')}`;
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, out.endsWith('.ts') ? modelToTypeScript(model, typesImportFor(resolve(out)), command.replace(/\/[^\s]*\/(?=[^/\s]+\.(csv|txt)\b)/g, '…/')) : modelToJson(model));
  if (values.report) await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
  print(formatReport(report));
  print(`\nwrote ${out}${preset ? ` (preset ${preset.id})` : ''}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
        console.error(`${err.message}\n${USAGE}`);
        process.exitCode = 2;
      } else {
        console.error(err instanceof Error ? err.message : err);
        process.exitCode = 1;
      }
    },
  );
}
