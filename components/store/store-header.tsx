/* eslint-disable @next/next/no-html-link-for-pages -- plain links keep next/link (~4 KiB gzip) out of the storefront's first load; a full load of / is what these links mean. */
import { Badge } from '@/components/ui/badge';
import { Logo } from '@/components/ui/logo';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/**
 * The wordmark, the connection state, and a quiet way to the admin pages. Plain links: the
 * admin is another app, and next/link would add ~4 KiB to the storefront's first load.
 */
export function StoreHeader({ connection }: { connection: Connection }) {
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <a href="/" className="rounded-md">
          <Logo />
        </a>
        <div className="flex items-center gap-4">
          <span role="status" aria-live="polite">
            {connection === 'reconnecting' ? (
              <Badge tone="warning" dot="pulse">
                reconnecting…
              </Badge>
            ) : connection === 'live' ? (
              <Badge tone="success" dot>
                live updates
              </Badge>
            ) : (
              <Badge dot="pulse">connecting…</Badge>
            )}
          </span>
          <a
            href="/admin"
            className="rounded-md text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            Admin
          </a>
        </div>
      </div>
    </header>
  );
}
