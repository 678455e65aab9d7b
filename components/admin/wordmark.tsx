/** The storefront's bolt and name, marked "Admin" so an operator knows which side they are on. */
export function AdminWordmark() {
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
      <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        Admin
      </span>
    </span>
  );
}
