// One process of the waiting-room benchmark's load generator: `count` simulated waiting pages,
// each on its own keep-alive connection, doing what the waiting page does — GET the queue's public
// status, wait the poll interval after the answer (as SWR does), ask again with If-None-Match. For
// every answer it records how long the refresh took and how old the status it now shows is (the
// body's `at`, the moment `admitted` was counted: the page's position is rank − admitted).
import net from 'node:net';
import { parseResponse } from './raw-http.mjs';

const BUCKET_MS = 5;
const BUCKETS = 12_000; // 60 s

const histogram = () => new Array(BUCKETS).fill(0);
const addTo = (hist, ms) => hist[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))]++;

let pages = [];
let run;

/** The `at` of a status body (epoch ms), without parsing the whole JSON. */
function atIn(body) {
  const i = body.indexOf('"at":"');
  return i < 0 ? undefined : Date.parse(body.subarray(i + 6, i + 30).toString('latin1'));
}

function startPage(options, index) {
  const { host, port, path, pollMs } = options;
  const page = { etag: null, at: undefined, socket: null, buf: Buffer.alloc(0), sentAt: 0 };
  page.closed = false;
  const connect = () => {
    if (page.closed) return;
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    page.socket = socket;
    page.buf = Buffer.alloc(0);
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      page.buf = page.buf.length ? Buffer.concat([page.buf, chunk]) : chunk;
      const res = parseResponse(page.buf);
      if (!res) return;
      page.buf = page.buf.subarray(res.used);
      done(res);
    });
    const retry = () => {
      if (page.closed || page.socket !== socket) return;
      page.socket = null;
      if (run) run.errors++;
      clearTimeout(page.timer);
      page.timer = setTimeout(connect, 1000);
    };
    socket.on('error', retry);
    socket.on('close', retry);
  };
  const send = () => {
    if (page.closed || !page.socket) return;
    page.sentAt = Date.now();
    page.socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: application/json\r\n` +
        (page.etag ? `If-None-Match: ${page.etag}\r\n` : '') +
        '\r\n',
    );
  };
  const done = (res) => {
    const now = Date.now();
    if (res.status === 200) {
      page.etag = res.etag;
      page.at = atIn(res.body) ?? page.at;
    }
    if (run?.measuring) {
      run.refreshes++;
      if (res.status === 304) run.notModified++;
      else if (res.status !== 200) run.failed++;
      addTo(run.latency, now - page.sentAt);
      if (page.at !== undefined) addTo(run.stale, now - page.at);
    }
    page.timer = setTimeout(send, pollMs);
  };
  // Spread the first polls over the interval, as real pages open at different moments.
  page.timer = setTimeout(connect, Math.floor((index * 7919) % options.rampMs));
  return page;
}

process.on('message', (msg) => {
  if (msg.type === 'open') {
    run = undefined;
    pages = Array.from({ length: msg.count }, (_, i) => startPage(msg, i));
    process.send({ type: 'opened' });
  } else if (msg.type === 'measure') {
    run = {
      measuring: true,
      refreshes: 0,
      notModified: 0,
      failed: 0,
      errors: 0,
      latency: histogram(),
      stale: histogram(),
    };
    process.send({ type: 'measuring' });
  } else if (msg.type === 'report') {
    const r = run;
    run = undefined;
    process.send({ type: 'report', ...r });
  } else if (msg.type === 'close') {
    for (const page of pages) {
      page.closed = true;
      clearTimeout(page.timer);
      page.socket?.destroy();
    }
    pages = [];
    process.send({ type: 'closed' });
  }
});
