import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackFile, loadPacks } from './load-packs.ts';
import { minimalPackYaml } from './minimal-pack.fixture.ts';
import { PackError } from './pack-error.ts';

const root = mkdtempSync(join(tmpdir(), 'baton-packs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder holding the given files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('loadPacks', () => {
  it('loads the built-in folder plus an extra folder; the extra one wins on the same id', async () => {
    const builtin = folder('builtin', { 'demo.yaml': minimalPackYaml, 'notes.txt': 'ignored' });
    const extra = folder('extra', {
      'demo.yml': minimalPackYaml.replace('name: Demo Shop', 'name: My Shop'),
      'other.yaml': minimalPackYaml.replace('id: demo', 'id: other'),
    });
    const packs = await loadPacks({ builtinDir: builtin, extraDir: extra });
    expect([...packs.keys()].sort()).toEqual(['demo', 'other']);
    expect(packs.get('demo')?.pack.name).toBe('My Shop');
    expect(packs.get('demo')?.file).toBe(join(extra, 'demo.yml'));
  });

  it('refuses two packs with one id in the same folder', async () => {
    const dir = folder('dupes', { 'a.yaml': minimalPackYaml, 'b.yaml': minimalPackYaml });
    await expect(loadPacks({ builtinDir: dir })).rejects.toThrow(/pack id "demo" is already used/);
  });

  it('says so when the extra folder does not exist', async () => {
    const builtin = folder('only-builtin', { 'demo.yaml': minimalPackYaml });
    await expect(loadPacks({ builtinDir: builtin, extraDir: join(root, 'missing') })).rejects.toThrow(
      /missing: invalid pack\n {2}\(top level\): cannot read the packs folder/,
    );
  });

  it('names the broken file', async () => {
    const dir = folder('broken', {
      'bad.yaml': minimalPackYaml.replace('    team: orders\n', '    team: nobody\n'),
    });
    const error = await loadPacks({ builtinDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toMatch(
      /bad\.yaml: invalid pack\n {2}intents\[1\]\.team \(line 11\): unknown team "nobody"/,
    );
  });
});

describe('pack folders', () => {
  /** A pack folder: `pack.yaml` plus any other files, inside a packs folder of its own. */
  function packFolder(name: string, files: Record<string, string>): string {
    const packs = folder(`${name}-packs`, {});
    folder(`${name}-packs/${name}`, files);
    return packs;
  }

  it('loads a folder with pack.yaml and merges lexicon.yaml into the policy', async () => {
    const dir = packFolder('shop', {
      'pack.yaml': `${minimalPackYaml}policy:\n  lexicon:\n    inline_set: [from the pack]\n`,
      'lexicon.yaml': "# the shop's sets\nparcel_words: [parcel*, package*, ~frustration]\n",
    });
    const packs = await loadPacks({ builtinDir: dir });
    const pack = packs.get('demo')!;
    expect(pack.file).toBe(join(dir, 'shop', 'pack.yaml'));
    expect(pack.pack.policy.lexicon).toEqual({
      parcel_words: ['parcel*', 'package*', '~frustration'],
      inline_set: ['from the pack'],
    });
  });

  it('loads a folder without lexicon.yaml, and single-file packs beside folders', async () => {
    const dir = packFolder('plain', { 'pack.yaml': minimalPackYaml });
    writeFileSync(join(dir, 'other.yaml'), minimalPackYaml.replace('id: demo', 'id: other'));
    mkdirSync(join(dir, 'not-a-pack'));
    const packs = await loadPacks({ builtinDir: dir });
    expect([...packs.keys()].sort()).toEqual(['demo', 'other']);
  });

  it('takes a folder that is itself a pack as that one pack (its lexicon.yaml is not a pack)', async () => {
    const dir = packFolder('single', {
      'pack.yaml': minimalPackYaml,
      'lexicon.yaml': 'parcel_words: [parcel*]\n',
    });
    const packs = await loadPacks({ builtinDir: join(dir, 'single') });
    expect([...packs.keys()]).toEqual(['demo']);
    expect(packs.get('demo')?.pack.policy.lexicon).toEqual({ parcel_words: ['parcel*'] });
  });

  it('names lexicon.yaml, the set and the line when a set is broken', async () => {
    const dir = packFolder('badlex', {
      'pack.yaml': minimalPackYaml,
      'lexicon.yaml': 'good: [a, b]\nempty: []\n',
    });
    const error = await loadPacks({ builtinDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toMatch(/lexicon\.yaml: invalid pack\n {2}empty \(line 2\): /);
  });

  it('refuses a set defined both in the policy and in lexicon.yaml', async () => {
    const dir = packFolder('twice', {
      'pack.yaml': `${minimalPackYaml}policy:\n  lexicon:\n    parcel_words: [box]\n`,
      'lexicon.yaml': 'parcel_words: [parcel*]\n',
    });
    await expect(loadPacks({ builtinDir: dir })).rejects.toThrow(
      /policy\.lexicon\.parcel_words \(line \d+\): concept set "parcel_words" is defined both here and in the folder's lexicon\.yaml/,
    );
  });
});

describe('HTTP tool targets', () => {
  const withHttpTool = (url: string) =>
    minimalPackYaml.replace(
      'tools:\n',
      `tools:\n  - id: lookup\n    kind: http\n    key: order_id\n    url: ${url}\n`,
    );

  it.each(['http://127.0.0.1:9/orders/{{key}}', 'http://[::1]/x', 'http://169.254.169.254/latest/{{key}}'])(
    'refuses a pack whose tool calls the private address in %s',
    async (url) => {
      const dir = folder(`private-${url.length}`, { 'demo.yaml': withHttpTool(url) });
      const error = await loadPacks({ builtinDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).message).toMatch(/tools\[0\]\.url: .* is not a public address/);
    },
  );

  it('loads it when the address is allowed', async () => {
    const dir = folder('private-allowed', { 'demo.yaml': withHttpTool('http://127.0.0.1:9/orders/{{key}}') });
    const packs = await loadPacks({ builtinDir: dir, targets: ['127.0.0.0/8'] });
    expect(packs.get('demo')?.tools.get('lookup')).toMatchObject({ kind: 'http' });
  });
});

describe('loadPackFile', () => {
  it('caches the trained classifier by a hash of the training input', async () => {
    const cacheDir = join(root, 'cache');
    const file = join(root, 'cached.yaml');
    writeFileSync(file, minimalPackYaml);
    const first = await loadPackFile(file, { cacheDir });
    expect(first.classifierCached).toBe(false);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^demo-[0-9a-f]{20}\.json$/)]);

    const second = await loadPackFile(file, { cacheDir });
    expect(second.classifierCached).toBe(true);
    expect(second.classifier.classify('when do you open').intent).toBe(
      first.classifier.classify('when do you open').intent,
    );

    writeFileSync(file, minimalPackYaml.replace('Hello there!', 'Hi!'));
    expect((await loadPackFile(file, { cacheDir })).classifierCached).toBe(true);
    writeFileSync(file, minimalPackYaml.replace('hiya, greetings', 'hiya, greetings, yo'));
    expect((await loadPackFile(file, { cacheDir })).classifierCached).toBe(false);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('trains without a cache folder', async () => {
    const file = join(root, 'plain.yaml');
    writeFileSync(file, minimalPackYaml);
    const loaded = await loadPackFile(file);
    expect(loaded.classifierCached).toBe(false);
    expect(loaded.defaultTeam.id).toBe('support');
    expect(loaded.intents.get('order_status')?.team).toBe('orders');
  });

  it('refuses a missing file with its name', async () => {
    await expect(loadPackFile(join(root, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: invalid pack/);
  });
});
