import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A labelled message from a public data set. */
export type LabelledText = { text: string; intent: string };

/** CLINC150 splits; out-of-scope splits carry the intent "oos". */
export type Clinc150 = Record<
  'train' | 'val' | 'test' | 'oos_train' | 'oos_val' | 'oos_test',
  LabelledText[]
>;

/** BANKING77 train and test splits. */
export type Banking77 = { train: LabelledText[]; test: LabelledText[] };

/** A data set file that is missing or not in the expected shape. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

const split = z.array(z.tuple([z.string(), z.string()]));
const clincSchema = z.object({
  train: split,
  val: split,
  test: split,
  oos_train: split,
  oos_val: split,
  oos_test: split,
});

/** Reads CLINC150 `data_full.json` (each split a list of [text, intent]). */
export async function loadClinc150(path: string): Promise<Clinc150> {
  const raw = await readText(path);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new DatasetError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = clincSchema.safeParse(json);
  if (!parsed.success) throw new DatasetError(`${path} is not a CLINC150 file: ${parsed.error.message}`);
  const toTexts = (rows: [string, string][]) => rows.map(([text, intent]) => ({ text, intent }));
  const d = parsed.data;
  return {
    train: toTexts(d.train),
    val: toTexts(d.val),
    test: toTexts(d.test),
    oos_train: toTexts(d.oos_train),
    oos_val: toTexts(d.oos_val),
    oos_test: toTexts(d.oos_test),
  };
}

/** Reads BANKING77 `train.csv` and `test.csv` (columns text,category) from a folder. */
export async function loadBanking77(dir: string): Promise<Banking77> {
  return {
    train: await readBankingCsv(join(dir, 'train.csv')),
    test: await readBankingCsv(join(dir, 'test.csv')),
  };
}

async function readBankingCsv(path: string): Promise<LabelledText[]> {
  const rows = parseCsv(await readText(path));
  const [header, ...body] = rows;
  if (header?.[0] !== 'text' || header[1] !== 'category') {
    throw new DatasetError(`${path} is not a BANKING77 file: expected the header "text,category"`);
  }
  return body
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r, i) => {
      if (r.length !== 2) throw new DatasetError(`${path}: row ${i + 2} has ${r.length} fields, expected 2`);
      return { text: r[0]!, intent: r[1]! };
    });
}

/** Parses RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetError(
      code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${code ?? err}`,
    );
  }
}
