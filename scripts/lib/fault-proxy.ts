// A TCP proxy between the app and Redis that can lose the reply of an EXEC (Redis has run the
// transaction, but the app never hears so, because the connection dies right there) or hold an EXEC
// on its way to Redis and deliver it late (a slow network or a stalled server: the app times out
// while its EXEC may still run). It follows the RESP2/RESP3 conversation of each connection (one
// reply per command; RESP3 push messages belong to no command), and passes pub/sub connections
// through untouched.
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

/** An EXEC the proxy holds back from Redis. */
export type HeldExec = {
  /** Resolves once an EXEC has been caught (everything its connection sent before it went on). */
  caught: Promise<void>;
  /**
   * Sends the EXEC (and whatever its connection sent after it) on to Redis, even if the app has
   * closed its side meanwhile: `ran` once Redis answered it, `lost` when Redis had dropped the
   * connection (e.g. CLIENT KILL) so the EXEC never ran.
   */
  release: () => Promise<'ran' | 'lost'>;
};

export type FaultProxy = {
  port: number;
  /** Share of EXEC replies to lose (0 to 1). */
  setExecDropRate: (rate: number) => void;
  /** Loses exactly the next EXEC reply (a deterministic fault for tests). */
  loseNextExecReply: () => void;
  /** EXEC replies lost so far. */
  dropped: () => number;
  /** Holds the next EXEC of any connection until released. */
  holdNextExec: () => HeldExec;
  close: () => Promise<void>;
};

/** Starts the proxy on a free port in front of `redisPort`. */
export async function startFaultProxy(redisPort: number): Promise<FaultProxy> {
  let dropRate = 0;
  let dropNext = false;
  let dropped = 0;
  /** Set while a hold is asked for and no EXEC has been caught yet. */
  let holdNext: ((release: () => Promise<'ran' | 'lost'>) => void) | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(redisPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const pending: string[] = [];
    let fromClient = Buffer.alloc(0);
    let fromServer = Buffer.alloc(0);
    let passthrough = false;
    /** What the client sent from a held EXEC on, not yet passed to Redis. */
    let held: Buffer | undefined;
    /** Told when the released EXEC is answered or its connection to Redis ends. */
    let onReleased: ((how: 'ran' | 'lost') => void) | undefined;
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    // A held EXEC outlives the app's side of the connection: it is delivered late all the same.
    client.on('close', () => (held === undefined && upstream.destroy(), sockets.delete(client)));
    upstream.on('close', () => {
      client.destroy();
      sockets.delete(upstream);
      onReleased?.('lost');
    });
    client.on('error', kill);
    upstream.on('error', kill);
    /** Passes whole commands on to Redis, noting their names; stops at an EXEC to hold. */
    const fromApp = (chunk: Buffer) => {
      if (held !== undefined) {
        held = Buffer.concat([held, chunk]);
        return;
      }
      if (passthrough) {
        upstream.write(chunk);
        return;
      }
      fromClient = Buffer.concat([fromClient, chunk]);
      let at = 0;
      for (let end = respEnd(fromClient, at); end > 0; end = respEnd(fromClient, at)) {
        const name = commandName(fromClient, at);
        if (name === 'exec' && holdNext) {
          const caught = holdNext;
          holdNext = undefined;
          held = fromClient.subarray(at);
          fromClient = fromClient.subarray(0, at);
          caught(release);
          break;
        }
        if (name.endsWith('subscribe') || name === 'monitor') passthrough = true;
        pending.push(name);
        at = end;
      }
      upstream.write(fromClient.subarray(0, at));
      fromClient = fromClient.subarray(at);
      if (passthrough && fromClient.length) {
        upstream.write(fromClient);
        fromClient = Buffer.alloc(0);
      }
    };
    const release = () =>
      new Promise<'ran' | 'lost'>((resolve) => {
        const rest = held ?? Buffer.alloc(0);
        held = undefined;
        if (upstream.destroyed) return resolve('lost');
        onReleased = (how) => {
          onReleased = undefined;
          resolve(how);
          if (client.destroyed) upstream.destroy();
        };
        fromApp(rest);
      });
    client.on('data', fromApp);
    upstream.on('data', (chunk: Buffer) => {
      if (passthrough) {
        client.write(chunk);
        return;
      }
      fromServer = Buffer.concat([fromServer, chunk]);
      let at = 0;
      let answered: typeof onReleased;
      for (let end = respEnd(fromServer, at); end > 0; end = respEnd(fromServer, at)) {
        const outOfBand = fromServer[at] === 0x3e || fromServer[at] === 0x7c; // '>' push, '|' attribute
        const name = outOfBand ? undefined : pending.shift();
        if (name === 'exec' && onReleased) answered = onReleased;
        else if (name === 'exec' && (dropNext || Math.random() < dropRate)) {
          dropNext = false;
          // Forward what came before, then lose this reply with the connection.
          client.write(fromServer.subarray(0, at));
          dropped++;
          kill();
          return;
        }
        at = end;
      }
      if (!client.destroyed) client.write(fromServer.subarray(0, at));
      fromServer = fromServer.subarray(at);
      answered?.('ran');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    setExecDropRate: (rate) => (dropRate = rate),
    loseNextExecReply: () => void (dropNext = true),
    dropped: () => dropped,
    holdNextExec() {
      let release: (() => Promise<'ran' | 'lost'>) | undefined;
      const caught = new Promise<void>((resolve) => {
        holdNext = (r) => {
          release = r;
          resolve();
        };
      });
      return {
        caught,
        release: async () => {
          await caught;
          return release!();
        },
      };
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
