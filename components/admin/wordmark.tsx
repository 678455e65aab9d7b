import { Logo } from '@/components/ui/logo';

/** The storefront's logo, marked "Admin" so an operator knows which side they are on. */
export function AdminWordmark() {
  return (
    <Logo>
      <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        Admin
      </span>
    </Logo>
  );
}
