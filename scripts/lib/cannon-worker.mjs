// Runs autocannon slices for the benchmark in a process of its own (forked with IPC), so the load
// generator's CPU is not the app's. Message in: a slice; message out: its figures.
import autocannon from 'autocannon';

function runSlice({ url, method, path, cookies, body, connections, durationS }) {
  // A client with a cookie sends the site's Origin (the CSRF rule of docs/API.md).
  const headers = { origin: url, ...(body ? { 'content-type': 'application/json' } : {}) };
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}${path}`,
        method,
        headers,
        ...(body ? { body } : {}),
        connections,
        duration: durationS,
        // One buyer per connection: a shopper's clicks follow each other, as a browser's do.
        setupClient(client) {
          if (cookies?.length)
            client.setHeaders({ ...headers, cookie: cookies[next++ % cookies.length] });
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * One slice against one URL, or against several at once (`urls`: instances hit directly, each
 * with its share of the connections and shoppers); several results are added up, the duration
 * and the latencies being the longest of them.
 */
async function runSlices({ urls, cookies, connections, ...slice }) {
  if (!urls) return runSlice({ ...slice, cookies, connections });
  const share = (list, i) => list?.filter((_, n) => n % urls.length === i);
  const results = await Promise.all(
    urls.map((url, i) =>
      runSlice({
        ...slice,
        url,
        cookies: share(cookies, i),
        connections: Math.ceil(connections / urls.length),
      }),
    ),
  );
  const max = (pick) => Math.max(...results.map(pick));
  const statusCodeStats = {};
  for (const r of results)
    for (const [code, s] of Object.entries(r.statusCodeStats ?? {}))
      statusCodeStats[code] = { count: (statusCodeStats[code]?.count ?? 0) + s.count };
  return {
    requests: { total: results.reduce((n, r) => n + r.requests.total, 0) },
    duration: max((r) => r.duration),
    statusCodeStats,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    latency: {
      p50: max((r) => r.latency.p50),
      p99: max((r) => r.latency.p99),
      p99_9: max((r) => r.latency.p99_9),
    },
  };
}

process.on('message', async (slice) => {
  try {
    const r = await runSlices(slice);
    process.send({
      ok: true,
      requests: r.requests.total,
      durationS: r.duration,
      statusCodes: Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
      ),
      errors: r.errors + r.timeouts,
      latency: { p50: r.latency.p50, p99: r.latency.p99, p999: r.latency.p99_9 },
    });
  } catch (error) {
    process.send({ ok: false, error: String(error) });
  }
});
