import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadBanking77, loadClinc150, parseCsv } from './load-datasets.ts';

describe('parseCsv', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['"x, y",z\n', [['x, y', 'z']]],
    ['"say ""hi""",q\n', [['say "hi"', 'q']]],
    ['"two\nlines",q\n', [['two\nlines', 'q']]],
    ['a,\n', [['a', '']]],
  ])('%j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('loadBanking77', () => {
  it('reads train and test with quoted fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banking77-'));
    await writeFile(join(dir, 'train.csv'), 'text,category\n"Hi, where is my card?",card_arrival\n');
    await writeFile(join(dir, 'test.csv'), 'text,category\nmy card?,card_arrival\n');
    const data = await loadBanking77(dir);
    expect(data.train).toEqual([{ text: 'Hi, where is my card?', intent: 'card_arrival' }]);
    expect(data.test).toHaveLength(1);
  });

  it.each([
    ['a missing folder', null, /does not exist/],
    ['a wrong header', 'label,text\nx,y\n', /expected the header "text,category"/],
    ['a short row', 'text,category\nonly-text\n', /row 2 has 1 fields/],
  ])('fails clearly on %s', async (_, content, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'banking77-'));
    if (content !== null) {
      await writeFile(join(dir, 'train.csv'), content);
      await writeFile(join(dir, 'test.csv'), content);
    }
    await expect(loadBanking77(join(dir, content === null ? 'nope' : ''))).rejects.toThrow(message);
  });
});

describe('loadClinc150', () => {
  it('reads every split as text and intent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clinc-'));
    const split = [['what time is it', 'time']];
    const splits = ['train', 'val', 'test', 'oos_train', 'oos_val', 'oos_test'];
    await writeFile(
      join(dir, 'data.json'),
      JSON.stringify(Object.fromEntries(splits.map((s) => [s, split]))),
    );
    const data = await loadClinc150(join(dir, 'data.json'));
    expect(data.oos_test).toEqual([{ text: 'what time is it', intent: 'time' }]);
  });

  it.each([
    ['not json', /is not valid JSON/],
    ['{"train": []}', /is not a CLINC150 file/],
  ])('fails clearly on %j', async (content, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'clinc-'));
    await writeFile(join(dir, 'data.json'), content);
    const load = loadClinc150(join(dir, 'data.json'));
    await expect(load).rejects.toThrow(message);
    await expect(load).rejects.toBeInstanceOf(DatasetError);
  });
});
