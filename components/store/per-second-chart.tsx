import { PER_SECOND_WINDOW_S as SECONDS, type StatsSecond } from '@/lib/api-types';
import { formatCount } from '@/lib/format';

const WIDTH = 600;
const HEIGHT = 120;
const SLOT = WIDTH / SECONDS;

/**
 * Places each second at its distance from the newest one (server time, so the browser's clock
 * does not matter); gaps stay empty.
 */
function toSlots(perSecond: StatsSecond[]): (StatsSecond | undefined)[] {
  const slots: (StatsSecond | undefined)[] = Array.from({ length: SECONDS });
  const newest = Math.max(...perSecond.map((s) => Date.parse(s.t)));
  for (const second of perSecond) {
    const index = SECONDS - 1 - Math.round((newest - Date.parse(second.t)) / 1000);
    if (index >= 0) slots[index] = second;
  }
  return slots;
}

/** Purchases (bars, accent) and conflicts (line, amber) per second over the last minute, as plain SVG. */
export function PerSecondChart({ perSecond }: { perSecond: StatsSecond[] }) {
  const slots = toSlots(perSecond);
  const peak = Math.max(1, ...perSecond.map((s) => Math.max(s.purchased, s.conflicts)));
  const y = (value: number) => HEIGHT - (value / peak) * (HEIGHT - 8);
  const purchases = perSecond.reduce((sum, s) => sum + s.purchased, 0);
  const conflicts = perSecond.reduce((sum, s) => sum + s.conflicts, 0);
  const line = slots
    .map(
      (s, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * SLOT + SLOT / 2).toFixed(1)},${y(s?.conflicts ?? 0).toFixed(1)}`,
    )
    .join(' ');

  return (
    <figure>
      <div className="mb-2 flex items-center justify-between gap-4 text-xs text-zinc-600 dark:text-zinc-400">
        <div className="flex gap-4">
          <span className="flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 rounded-xs bg-blue-600 dark:bg-blue-500" />{' '}
            purchases
          </span>
          <span className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-0.5 w-3 rounded-full bg-amber-500" /> conflicts
          </span>
        </div>
        <span className="tabular-nums">peak {formatCount(peak)}/s</span>
      </div>
      <svg
        role="img"
        aria-label={`Last minute: ${formatCount(purchases)} purchases and ${formatCount(conflicts)} conflicts, at most ${formatCount(peak)} per second.`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-28 w-full overflow-visible"
      >
        {[0.5, 1].map((f) => (
          <line
            key={f}
            x1="0"
            x2={WIDTH}
            y1={y(peak * f)}
            y2={y(peak * f)}
            className="stroke-zinc-100 dark:stroke-zinc-800"
            strokeDasharray="4 4"
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {slots.map((s, i) =>
          s && s.purchased > 0 ? (
            <rect
              key={i}
              x={i * SLOT + 1}
              width={SLOT - 2}
              y={y(s.purchased)}
              height={HEIGHT - y(s.purchased)}
              rx="1.5"
              className="fill-blue-600 dark:fill-blue-500"
            />
          ) : null,
        )}
        <path
          d={line}
          fill="none"
          className="stroke-amber-500"
          strokeWidth="2"
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
        />
        <line
          x1="0"
          x2={WIDTH}
          y1={HEIGHT}
          y2={HEIGHT}
          className="stroke-zinc-200 dark:stroke-zinc-700"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <figcaption className="mt-1 flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>60 s ago</span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}
