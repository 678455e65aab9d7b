#!/usr/bin/env node
// `node scripts/verify-queue.mjs <sku> [--url http://localhost:3000] [--ticket <id>] [--quiet]`
//
// Recomputes a waiting room's shuffle from what the store publishes, with the very function the
// server ranks by (lib/queue/rank.mjs): fetches the public status (the seed's hash, committed when
// the queue opened, and the seed, revealed at the start) and the pre-start tickets in the order the
// server ranked them, then checks sha256(seed) = seedHash and that sorting the tickets by
// sha256(seed + ':' + id) gives the same order. Prints the order (rank, ticket id) and whether it
// matches; with --ticket, that ticket's rank. Exits 0 when everything matches, 1 when not, 2 when
// it cannot tell (unreachable, not revealed yet).
import { parseArgs } from 'node:util';
import { verifyOrder } from '../lib/queue/rank.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.STOCKRUSH_URL ?? 'http://localhost:3000' },
    ticket: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const sku = positionals[0];
if (!sku) {
  console.error('usage: node scripts/verify-queue.mjs <sku> [--url URL] [--ticket ID] [--quiet]');
  process.exit(2);
}

async function fetchJson(path) {
  const res = await fetch(new URL(path, args.url)).catch((error) => {
    // Unreachable: nothing can be told either way.
    console.error(`${path}: ${error.cause?.code ?? error.message} (${args.url})`);
    process.exit(2);
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const code = body?.error?.code ?? res.status;
    console.error(`${path}: ${res.status} ${code} — ${body?.error?.message ?? ''}`);
    process.exit(2);
  }
  return body;
}

const base = `/api/products/${encodeURIComponent(sku)}/queue`;
const status = await fetchJson(base);
if (!status.seed) {
  console.error(`The seed of ${sku} is not revealed yet (state ${status.state}); committed hash:`);
  console.error(`  ${status.seedHash}`);
  process.exit(2);
}
const published = await fetchJson(`${base}/tickets`);
if (published.seedHash !== status.seedHash || published.seed !== status.seed) {
  console.error('The tickets list and the status name different seeds.');
  process.exit(1);
}
const result = verifyOrder(published);

if (!args.quiet) {
  console.log('rank  ticket');
  result.order.forEach((id, i) => console.log(`${String(i + 1).padStart(4)}  ${id}`));
}
console.log(`seed      ${published.seed}`);
console.log(
  `seedHash  ${published.seedHash}  ${result.seedMatches ? 'matches' : 'DOES NOT MATCH'}`,
);
console.log(
  `order     ${published.tickets.length} pre-start tickets: ${
    result.orderMatches
      ? 'the published order is the one the seed gives'
      : `DIFFERS from rank ${result.firstDifference + 1} on`
  }`,
);
if (args.ticket) {
  const rank = result.order.indexOf(args.ticket);
  console.log(
    rank === -1
      ? `ticket    ${args.ticket} is not among the pre-start tickets (joined after the start?)`
      : `ticket    ${args.ticket} has rank ${rank + 1}`,
  );
}
process.exit(result.seedMatches && result.orderMatches ? 0 : 1);
