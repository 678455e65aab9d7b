'use client';

type QuantityStepperProps = {
  value: number;
  max: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** What the quantity is of, for screen readers ("Quantity of Neon Sneaker"). */
  label: string;
};

const STEP =
  'grid size-10 place-items-center text-lg leading-none text-zinc-700 transition-colors hover:bg-zinc-100 disabled:cursor-not-allowed disabled:text-zinc-300 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:disabled:text-zinc-600';

/** − n + between 1 and `max`; the number is announced when it changes. */
export function QuantityStepper({
  value,
  max,
  onChange,
  disabled = false,
  label,
}: QuantityStepperProps) {
  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex h-10 shrink-0 items-center overflow-hidden rounded-lg ring-1 ring-zinc-300 ring-inset dark:ring-zinc-700"
    >
      <button
        type="button"
        className={`${STEP} rounded-l-lg`}
        aria-label="One fewer"
        disabled={disabled || value <= 1}
        onClick={() => onChange(value - 1)}
      >
        −
      </button>
      <output aria-live="polite" className="w-8 text-center text-sm font-semibold tabular-nums">
        {value}
      </output>
      <button
        type="button"
        className={`${STEP} rounded-r-lg`}
        aria-label="One more"
        disabled={disabled || value >= max}
        onClick={() => onChange(value + 1)}
      >
        +
      </button>
    </div>
  );
}
