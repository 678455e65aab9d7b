/** The Stockrush bolt and name. */
export function Logo({ children }: { children?: React.ReactNode }) {
  return (
    <span className="flex items-center gap-2 text-base font-semibold tracking-tight">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-6 text-blue-600 dark:text-blue-500"
      >
        <path fill="currentColor" d="M13.5 2 4 13.5h6.5L9.5 22 20 9.5h-6.6z" />
      </svg>
      Stockrush
      {children}
    </span>
  );
}
