/** The `baton` command: dispatches to one sub-command, each loaded only when used. */
const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }
> = {
  serve: { summary: 'run the Baton server (API, widget, console)', load: () => import('./serve.ts') },
  eval: {
    summary: 'score handoff scenarios: baton eval FILE.jsonl|DIR ... [--packs DIR] [--json]',
    load: () => import('./eval.ts'),
  },
  'check-pack': {
    summary: 'check packs without starting anything: baton check-pack PATH ... [--json]',
    load: () => import('./check-pack.ts'),
  },
  replay: {
    summary:
      'replay stored conversations against a policy: baton replay --pack ID --policy FILE [--since DATE]',
    load: () => import('./replay.ts'),
  },
  'export-labels': {
    summary:
      'the labelled history of a pack as JSON Lines, for baton learn: baton export-labels --pack ID [--since DATE] [--out FILE]',
    load: () => import('./export-labels.ts'),
  },
  learn: {
    summary:
      'learn from labelled history: baton learn --packs DIR --pack ID --history FILE.jsonl [--approve all --out DIR] [--json]',
    load: () => import('./learn.ts'),
  },
  'nlu-bench': {
    summary: 'benchmark language understanding: baton nlu-bench --clinc FILE | --banking77 DIR [--json]',
    load: () => import('./nlu-bench.ts'),
  },
  migrate: { summary: 'apply database migrations and exit', load: () => import('./migrate.ts') },
  user: {
    summary: 'console accounts: baton user create --email E --name N [--role R] | reset-password --email E',
    load: () => import('./user.ts'),
  },
  simulate: {
    summary: 'fill the database with generated history: baton simulate --days N [--per-day M] [--seed S]',
    load: () => import('./simulate.ts'),
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`baton: unknown command "${name}"\n`);
    printHelp();
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

function printHelp(): void {
  console.log('usage: baton <command> [options]\n\ncommands:');
  for (const [name, c] of Object.entries(commands)) console.log(`  ${name.padEnd(10)} ${c.summary}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
