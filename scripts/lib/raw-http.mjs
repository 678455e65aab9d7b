// The load generators' HTTP/1.1 client side, by hand on raw sockets: Node's HTTP client would cost
// more CPU than the server it measures.

/** Parses one HTTP/1.1 response out of `buf`; undefined until it is complete. */
export function parseResponse(buf) {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = buf.subarray(0, headEnd).toString('latin1');
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  const etagAt = lower.indexOf('\r\netag:');
  const etag = etagAt < 0 ? null : head.slice(etagAt + 7, head.indexOf('\r\n', etagAt + 2)).trim();
  const bodyStart = headEnd + 4;
  if (status === 304 || status === 204) return { status, etag, body: null, used: bodyStart };
  const lengthAt = lower.indexOf('\r\ncontent-length:');
  if (lengthAt >= 0) {
    const length = parseInt(head.slice(lengthAt + 17, head.indexOf('\r\n', lengthAt + 2)), 10);
    if (buf.length < bodyStart + length) return undefined;
    return {
      status,
      etag,
      body: buf.subarray(bodyStart, bodyStart + length),
      used: bodyStart + length,
    };
  }
  // chunked
  const parts = [];
  let at = bodyStart;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) {
      if (buf.length < lineEnd + 4) return undefined;
      return { status, etag, body: Buffer.concat(parts), used: lineEnd + 4 };
    }
    if (buf.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
