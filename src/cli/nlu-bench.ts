import { loadavg } from 'node:os';
import { calibrateClassifier, measureIntents } from '../bot/nlu/calibrate-classifier.ts';
import type { FeatureWeighting } from '../bot/nlu/fit-vectorizer.ts';
import { DatasetError, type LabelledText, loadBanking77, loadClinc150 } from '../bot/nlu/load-datasets.ts';
import {
  classifierState,
  createClassifier,
  defaultEngine,
  type Engine,
  type IntentClassifier,
  type TrainOptions,
  trainClassifier,
} from '../bot/nlu/train-classifier.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage =
  'baton nlu-bench --clinc FILE [--refit] [--oos-recall-target R] | --banking77 DIR  [--engine svm|nbsvm] [--weighting tfidf|binary|binary-idf] [--json] [--seed N]';

const engines: Engine[] = ['svm', 'nbsvm'];
const weightings: FeatureWeighting[] = ['tfidf', 'binary', 'binary-idf'];

/** `baton nlu-bench`: trains on a public data set's training split and reports test accuracy and latency. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      {
        clinc: { type: 'string' },
        banking77: { type: 'string' },
        json: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        'oos-recall-target': { type: 'string', default: '0.6' },
        refit: { type: 'boolean', default: false },
        engine: { type: 'string', default: defaultEngine },
        weighting: { type: 'string', default: 'tfidf' },
        help: { type: 'boolean', short: 'h', default: false },
      } as const,
      usage,
    );
    if (values.help) {
      console.log(`usage: ${usage}`);
      return 0;
    }
    if (!values.clinc === !values.banking77)
      throw new UsageError(`give exactly one of --clinc or --banking77\nusage: ${usage}`);
    const seed = Number(values.seed);
    const target = Number(values['oos-recall-target']);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer\nusage: ${usage}`);
    if (!(target >= 0 && target <= 1))
      throw new UsageError(`--oos-recall-target must be in 0..1\nusage: ${usage}`);
    const engine = values.engine as Engine;
    const weighting = values.weighting as FeatureWeighting;
    if (!engines.includes(engine))
      throw new UsageError(`--engine must be one of ${engines.join(', ')}\nusage: ${usage}`);
    if (!weightings.includes(weighting))
      throw new UsageError(`--weighting must be one of ${weightings.join(', ')}\nusage: ${usage}`);
    const model: Model = { seed, engine, weighting };
    try {
      const report = values.clinc
        ? await benchClinc(values.clinc, model, target, values.refit)
        : await benchBanking(values.banking77!, model);
      console.log(values.json ? JSON.stringify(report) : formatTable(report));
      return 0;
    } catch (err) {
      if (err instanceof DatasetError) throw new UsageError(err.message);
      throw err;
    }
  });
}

type Report = Record<string, string | number>;

/** The training options the bench varies: seed, engine and feature weighting. */
type Model = Required<Pick<TrainOptions, 'seed' | 'engine' | 'weighting'>>;

/**
 * Standard protocol (as in the CLINC150 paper): train on train + oos_train, fit the temperature and
 * choose the threshold on val + oos_val. With `refit`, then retrain on train + val (oos_train + oos_val
 * as the "oos" class) with the same settings, temperature and threshold. Test is touched once, at the end.
 */
async function benchClinc(path: string, model: Model, targetRecall: number, refit: boolean): Promise<Report> {
  const data = await loadClinc150(path);
  const texts = (rows: LabelledText[]) => rows.map((r) => r.text);
  const onProgress = progressBar();
  const first = timeTraining(() =>
    trainClassifier(data.train, { oosExamples: texts(data.oos_train), ...model, onProgress }),
  );
  const calibrated = calibrateClassifier(first.classifier, data.val, texts(data.oos_val), targetRecall);
  const { temperature, threshold } = classifierState(calibrated.classifier);
  const final = refit
    ? timeTraining(() =>
        trainClassifier([...data.train, ...data.val], {
          oosExamples: texts([...data.oos_train, ...data.oos_val]),
          calibrationFolds: 0,
          ...model,
          onProgress,
        }),
      )
    : { ...first, classifier: calibrated.classifier };
  const classifier = refit
    ? createClassifier({ ...classifierState(final.classifier), temperature, threshold })
    : calibrated.classifier;
  const scores = measureIntents(classifier, data.test, texts(data.oos_test));
  return {
    dataset: 'clinc150',
    protocol: refit ? 'val-chosen settings, refit on train+val' : 'train on train, calibrate on val',
    engine: model.engine,
    weighting: model.weighting,
    in_scope_accuracy: round(scores.inScopeAccuracy),
    oos_recall: round(scores.oosRecall),
    oos_precision: round(scores.oosPrecision),
    in_scope_rejected: round(scores.inScopeRejected),
    oos_recall_target: targetRecall,
    oos_threshold: round(threshold),
    temperature: round(temperature),
    val_in_scope_accuracy: round(calibrated.choice.inScopeAccuracy),
    val_oos_recall: round(calibrated.choice.oosRecall),
    train_seconds: round(final.seconds, 2),
    train_cpu_seconds: round(final.cpuSeconds, 2),
    ...latency(classifier, [...texts(data.test), ...texts(data.oos_test)]),
    intents: classifier.intents.length,
    train_examples: refit
      ? data.train.length + data.val.length + data.oos_train.length + data.oos_val.length
      : data.train.length + data.oos_train.length,
    test_examples: data.test.length + data.oos_test.length,
  };
}

async function benchBanking(dir: string, model: Model): Promise<Report> {
  const data = await loadBanking77(dir);
  const { classifier, seconds, cpuSeconds } = timeTraining(() =>
    trainClassifier(data.train, {
      oosThreshold: 0,
      calibrationFolds: 0,
      ...model,
      onProgress: progressBar(),
    }),
  );
  const scores = measureIntents(classifier, data.test, []);
  return {
    dataset: 'banking77',
    engine: model.engine,
    weighting: model.weighting,
    accuracy: round(scores.inScopeAccuracy),
    train_seconds: round(seconds, 2),
    train_cpu_seconds: round(cpuSeconds, 2),
    ...latency(
      classifier,
      data.test.map((r) => r.text),
    ),
    intents: classifier.intents.length,
    train_examples: data.train.length,
    test_examples: data.test.length,
  };
}

type Timed = { classifier: IntentClassifier; seconds: number; cpuSeconds: number };

// Wall time and CPU time both: on a shared machine, waiting for a core shows in the first only.
function timeTraining(train: () => IntentClassifier): Timed {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const classifier = train();
  return { classifier, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuMs(cpu) / 1000 };
}

function latency(classifier: IntentClassifier, texts: string[]): Report {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const text of texts) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    classifier.classify(text);
    wall.push(performance.now() - start);
    cpu.push(cpuMs(cpuStart));
  }
  const at = (ms: number[], q: number) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 3);
  };
  return {
    classify_p50_ms: at(wall, 0.5),
    classify_p99_ms: at(wall, 0.99),
    classify_cpu_p50_ms: at(cpu, 0.5),
    classify_cpu_p99_ms: at(cpu, 0.99),
    load_average_1m: round(loadavg()[0] ?? 0, 2),
  };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function progressBar(): ((fraction: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let finished = false;
  return (fraction) => {
    if (finished) return;
    finished = fraction >= 1;
    const width = 30;
    const done = Math.round(fraction * width);
    process.stderr.write(
      `\rtraining [${'#'.repeat(done)}${' '.repeat(width - done)}] ${Math.round(fraction * 100)}%`,
    );
    if (finished) process.stderr.write('\n');
  };
}

function formatTable(report: Report): string {
  const width = Math.max(...Object.keys(report).map((k) => k.length));
  return Object.entries(report)
    .map(
      ([key, value]) =>
        `${key.padEnd(width)}  ${typeof value === 'number' && value > 0 && value < 1 && /accuracy|recall|precision|rejected/.test(key) ? `${(value * 100).toFixed(1)}%` : value}`,
    )
    .join('\n');
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
