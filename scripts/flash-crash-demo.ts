import { parseArgs } from 'node:util';

// Plays the flash-crash scenario against a running Baton: the risk monitor's alert, then two repeats as the move
// deepens (they update the same incident). Sign in as traders@, compliance@ and it-ops@baton.local to watch.
// usage: node bin/run-ts.js scripts/flash-crash-demo.ts --url http://localhost:3000 --key KEY [--every 5]

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    key: { type: 'string' },
    every: { type: 'string', default: '5' },
  },
});
if (!values.key) {
  console.error('usage: flash-crash-demo --url URL --key API_KEY (one of BATON_API_KEYS) [--every SECONDS]');
  process.exit(2);
}

const moves = [
  { priceMove: '-4.8%', volume: 182000, matchingLatencyMs: 840, rejectRate: '2.1%' },
  { priceMove: '-6.1%', volume: 240000, matchingLatencyMs: 1320, rejectRate: '4.7%' },
  { priceMove: '-3.2%', volume: 260000, matchingLatencyMs: 310, rejectRate: '0.4%' },
];

for (const [i, move] of moves.entries()) {
  if (i > 0) await new Promise((r) => setTimeout(r, Number(values.every) * 1000));
  const res = await fetch(`${values.url}/api/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': values.key },
    body: JSON.stringify({
      pack: 'trading',
      type: 'flash_crash',
      severity: 'critical',
      fingerprint: 'flash-crash:ESZ6',
      title: 'Flash-crash pattern on ESZ6',
      source: 'risk-monitor',
      facts: {
        instrument: 'ESZ6',
        window: '90 s',
        lastPrice: 5712.25,
        bidAskSpread: '2.75',
        positionsExposed: ['ESZ6 long 420', 'NQZ6 long 35'],
        netExposure: 'USD 121m long',
        openOrders: 1840,
        clientsAffected: 37,
        systemsAffected: ['matching-engine', 'risk-gateway'],
        marketDataGapMs: 0,
        ...move,
      },
    }),
  });
  const body = (await res.json()) as {
    outcome?: string;
    incident?: { id: string; count: number; pages: { team: string; pages: number }[] };
    error?: { code: string; message: string };
  };
  if (!res.ok) {
    console.error(`alert refused: ${res.status} ${body.error?.code}: ${body.error?.message}`);
    process.exit(1);
  }
  const pages = body.incident?.pages ?? [];
  const list = (teams: { team: string }[]) => teams.map((p) => p.team).join(', ') || 'none';
  console.log(
    `${body.outcome} ${body.incident?.id} (alert ${body.incident?.count}); paged: ${list(pages.filter((p) => p.pages > 0))}; nobody online: ${list(pages.filter((p) => p.pages === 0))}`,
  );
}
