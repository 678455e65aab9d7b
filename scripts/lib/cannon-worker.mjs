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

process.on('message', async (slice) => {
  try {
    const r = await runSlice(slice);
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
