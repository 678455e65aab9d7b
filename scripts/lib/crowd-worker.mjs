// One process of the crowd benchmark's load generator: `count` simulated storefronts, each on its
// own keep-alive connection, doing what the page does — GET the snapshot, wait the poll interval
// after the answer (as SWR does), ask again with If-None-Match. HTTP/1.1 is spoken by hand on raw
// sockets: Node's HTTP client would cost more CPU than the server it measures.
import net from 'node:net';
import { parseResponse } from './raw-http.mjs';

const BUCKET_MS = 5;
const BUCKETS = 12_000; // 60 s

function histogram() {
  return new Array(BUCKETS).fill(0);
}
function addTo(hist, ms) {
  hist[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))]++;
}

let storefronts = [];
let run;

/** The hot product's stock in a snapshot body, without parsing the whole JSON. */
function stockIn(body, needle) {
  const at = body.indexOf(needle);
  if (at < 0) return undefined;
  const s = body.indexOf('"stock":', at);
  return s < 0 ? undefined : parseInt(body.subarray(s + 8, s + 20).toString('latin1'), 10);
}

function startStorefront(options, index) {
  const { host, port, path, pollMs, needle } = options;
  const sf = {
    etag: null,
    stock: undefined,
    seen: [],
    socket: null,
    buf: Buffer.alloc(0),
    sentAt: 0,
    timer: null,
    closed: false,
  };
  const connect = () => {
    if (sf.closed) return;
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    sf.socket = socket;
    sf.buf = Buffer.alloc(0);
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      sf.buf = sf.buf.length ? Buffer.concat([sf.buf, chunk]) : chunk;
      const res = parseResponse(sf.buf);
      if (!res) return;
      sf.buf = sf.buf.subarray(res.used);
      done(res);
    });
    const retry = () => {
      if (sf.closed || sf.socket !== socket) return;
      sf.socket = null;
      if (run) run.errors++;
      clearTimeout(sf.timer);
      sf.timer = setTimeout(connect, 1000);
    };
    socket.on('error', retry);
    socket.on('close', retry);
  };
  const send = () => {
    if (sf.closed || !sf.socket) return;
    sf.sentAt = Date.now();
    sf.socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: application/json\r\n` +
        (sf.etag ? `If-None-Match: ${sf.etag}\r\n` : '') +
        '\r\n',
    );
  };
  const done = (res) => {
    const now = Date.now();
    if (res.status === 200) {
      sf.etag = res.etag;
      const stock = stockIn(res.body, needle);
      if (stock !== undefined && stock !== sf.stock) {
        sf.stock = stock;
        if (run?.measuring) sf.seen.push(now, stock);
      }
    }
    if (run?.measuring && now >= run.from) {
      run.refreshes++;
      if (res.status === 304) run.notModified++;
      else if (res.status !== 200) run.failed++;
      addTo(run.latency, now - sf.sentAt);
    }
    sf.timer = setTimeout(send, pollMs);
  };
  // Spread the first polls over the interval, as real pages open at different moments.
  sf.timer = setTimeout(connect, Math.floor((index * 7919) % options.rampMs));
  return sf;
}

function staleness(probes, until) {
  const hist = histogram();
  let count = 0;
  let unseen = 0;
  for (const sf of storefronts) {
    for (const { t, remaining } of probes) {
      // The first moment this storefront showed a stock at or below what the purchase left.
      // (The sale commits before its answer, so a page may show it first: that counts as 0.)
      let seenAt = until;
      for (let i = 0; i < sf.seen.length; i += 2) {
        if (sf.seen[i + 1] <= remaining) {
          seenAt = sf.seen[i];
          break;
        }
      }
      if (seenAt === until) unseen++;
      addTo(hist, Math.max(0, seenAt - t));
      count++;
    }
  }
  return { hist, count, unseen };
}

process.on('message', (msg) => {
  if (msg.type === 'open') {
    run = undefined;
    storefronts = Array.from({ length: msg.count }, (_, i) => startStorefront(msg, i));
    process.send({ type: 'opened' });
  } else if (msg.type === 'measure') {
    for (const sf of storefronts) sf.seen = sf.stock === undefined ? [] : [Date.now(), sf.stock];
    run = {
      measuring: true,
      from: Date.now(),
      refreshes: 0,
      notModified: 0,
      failed: 0,
      errors: 0,
      latency: histogram(),
    };
    process.send({ type: 'measuring' });
  } else if (msg.type === 'report') {
    const r = run;
    run = { measuring: false, refreshes: 0, errors: 0 };
    const stale = staleness(msg.probes, msg.until);
    process.send({
      type: 'report',
      refreshes: r.refreshes,
      notModified: r.notModified,
      failed: r.failed,
      errors: r.errors,
      latency: r.latency,
      stale: stale.hist,
      staleCount: stale.count,
      unseen: stale.unseen,
    });
  } else if (msg.type === 'close') {
    for (const sf of storefronts) {
      sf.closed = true;
      clearTimeout(sf.timer);
      sf.socket?.destroy();
    }
    storefronts = [];
    process.send({ type: 'closed' });
  }
});
