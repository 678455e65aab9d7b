/** A grey placeholder block shown while data loads; decorative. */
export function Skeleton({ className = '' }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={`rounded-md bg-zinc-200/70 motion-safe:animate-pulse dark:bg-zinc-800 ${className}`}
    />
  );
}
