// A TCP proxy between the app and Redis that can lose the reply of an EXEC: Redis has run the
// transaction, but the app never hears so, because the connection dies right there. It follows the
// RESP2/RESP3 conversation of each connection (one reply per command; RESP3 push messages belong to
// no command), and passes pub/sub connections through untouched.
import net from 'node:net';

/** The end of the RESP2/RESP3 value that starts at `pos`, or -1 when `buf` does not hold all of it yet. */
export function respEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const lineEnd = buf.indexOf('\r\n', pos);
  if (lineEnd < 0) return -1;
  const type = String.fromCharCode(buf[pos]!);
  // Simple types: status, error, integer, null, boolean, double, big number.
  if ('+-:_#,('.includes(type)) return lineEnd + 2;
  const n = Number(buf.toString('latin1', pos + 1, lineEnd));
  // Blob types: bulk string, bulk error, verbatim string.
  if ('$!='.includes(type)) {
    if (n < 0) return lineEnd + 2;
    const end = lineEnd + 2 + n + 2;
    return end <= buf.length ? end : -1;
  }
  // Aggregates: array, set, push (n values); map, attribute (2n values).
  if ('*~>%|'.includes(type)) {
    const count = '%|'.includes(type) ? 2 * n : n;
    let at = lineEnd + 2;
    for (let i = 0; i < Math.max(0, count); i++) {
      at = respEnd(buf, at);
      if (at < 0) return -1;
    }
    return at;
  }
  throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
}

/** The command name of a client request (an array of bulk strings). */
function commandName(buf: Buffer, start: number): string {
  const first = buf.indexOf('\r\n', start) + 2; // after *N
  const lenEnd = buf.indexOf('\r\n', first);
  const len = Number(buf.toString('latin1', first + 1, lenEnd));
  return buf.toString('latin1', lenEnd + 2, lenEnd + 2 + len).toLowerCase();
}

export type FaultProxy = {
  port: number;
  /** Share of EXEC replies to lose (0 to 1). */
  setExecDropRate: (rate: number) => void;
  /** Loses exactly the next EXEC reply (a deterministic fault for tests). */
  loseNextExecReply: () => void;
  /** EXEC replies lost so far. */
  dropped: () => number;
  close: () => Promise<void>;
};

/** Starts the proxy on a free port in front of `redisPort`. */
export async function startFaultProxy(redisPort: number): Promise<FaultProxy> {
  let dropRate = 0;
  let dropNext = false;
  let dropped = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(redisPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const pending: string[] = [];
    let fromClient = Buffer.alloc(0);
    let fromServer = Buffer.alloc(0);
    let passthrough = false;
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => (upstream.destroy(), sockets.delete(client)));
    upstream.on('close', () => (client.destroy(), sockets.delete(upstream)));
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('data', (chunk: Buffer) => {
      if (!passthrough) {
        fromClient = Buffer.concat([fromClient, chunk]);
        let at = 0;
        for (let end = respEnd(fromClient, at); end > 0; end = respEnd(fromClient, at)) {
          const name = commandName(fromClient, at);
          if (name.endsWith('subscribe') || name === 'monitor') passthrough = true;
          pending.push(name);
          at = end;
        }
        fromClient = fromClient.subarray(at);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (passthrough) {
        client.write(chunk);
        return;
      }
      fromServer = Buffer.concat([fromServer, chunk]);
      let at = 0;
      for (let end = respEnd(fromServer, at); end > 0; end = respEnd(fromServer, at)) {
        const outOfBand = fromServer[at] === 0x3e || fromServer[at] === 0x7c; // '>' push, '|' attribute
        const name = outOfBand ? undefined : pending.shift();
        if (name === 'exec' && (dropNext || Math.random() < dropRate)) {
          dropNext = false;
          // Forward what came before, then lose this reply with the connection.
          client.write(fromServer.subarray(0, at));
          dropped++;
          kill();
          return;
        }
        at = end;
      }
      client.write(fromServer.subarray(0, at));
      fromServer = fromServer.subarray(at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    setExecDropRate: (rate) => (dropRate = rate),
    loseNextExecReply: () => void (dropNext = true),
    dropped: () => dropped,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
