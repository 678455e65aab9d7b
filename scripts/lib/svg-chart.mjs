// A small dependency-free SVG line chart for the benchmark sweep: one x axis (log scale of
// concurrency), a left and a right y axis, one line each.

const W = 720;
const H = 360;
const PAD = { left: 70, right: 70, top: 40, bottom: 72 };

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/**
 * `points`: [{ x, left, right }], x > 0 on a log axis. Returns an SVG document (string).
 */
export function dualAxisChart({ title, xLabel, left, right, points }) {
  const xs = points.map((p) => Math.log2(p.x));
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs) || 1;
  const leftMax = niceMax(Math.max(...points.flatMap((p) => left.series.map((s) => p[s.key]))));
  const rightMax = niceMax(Math.max(...points.map((p) => p[right.key]), 0.01));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const sx = (x) => PAD.left + ((Math.log2(x) - minX) / (maxX - minX || 1)) * plotW;
  const sy = (v, max) => PAD.top + plotH - (v / max) * plotH;
  const path = (key, max) =>
    points
      .map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p[key], max).toFixed(1)}`)
      .join(' ');
  const dots = (key, max, color) =>
    points
      .map(
        (p) =>
          `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p[key], max).toFixed(1)}" r="3.5" fill="${color}"/>`,
      )
      .join('');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = PAD.top + plotH - f * plotH;
      return (
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e4e4e7"/>` +
        `<text x="${PAD.left - 8}" y="${y + 4}" text-anchor="end">${Math.round(leftMax * f)}</text>` +
        `<text x="${W - PAD.right + 8}" y="${y + 4}">${(rightMax * f).toFixed(rightMax < 5 ? 2 : 0)}</text>`
      );
    })
    .join('');
  const ticks = points
    .map(
      (p) => `<text x="${sx(p.x)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${p.x}</text>`,
    )
    .join('');
  const lines = left.series
    .map(
      (s) =>
        `<path d="${path(s.key, leftMax)}" fill="none" stroke="${s.color}" stroke-width="2.5"/>${dots(s.key, leftMax, s.color)}`,
    )
    .join('');
  const legend = [...left.series, { ...right, dashed: true }]
    .map(
      (s, i) =>
        `<g transform="translate(${PAD.left + i * 190},${H - 12})"><line x1="0" x2="18" y1="-4" y2="-4" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/><text x="24" y="0">${s.label}</text></g>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12" fill="#3f3f46">
<rect width="${W}" height="${H}" fill="#ffffff"/>
<text x="${PAD.left}" y="22" font-size="15" font-weight="600" fill="#18181b">${title}</text>
${grid}${ticks}
<text x="${PAD.left + plotW / 2}" y="${H - PAD.bottom + 34}" text-anchor="middle">${xLabel}</text>
<text transform="translate(16,${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${left.label}</text>
<text transform="translate(${W - 14},${PAD.top + plotH / 2}) rotate(90)" text-anchor="middle">${right.label}</text>
${lines}
<path d="${path(right.key, rightMax)}" fill="none" stroke="${right.color}" stroke-width="2" stroke-dasharray="5 4"/>${dots(right.key, rightMax, right.color)}
${legend}
</svg>
`;
}
