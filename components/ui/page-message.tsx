/* eslint-disable @next/next/no-html-link-for-pages -- plain links keep next/link (~4 KiB gzip) out of the storefront's first load; a full load of / is what these links mean. */
import type { ReactNode } from 'react';
import { Logo } from './logo';

/** A whole page that says one thing (not found, something broke), with the brand and a way home. */
export function PageMessage({
  code,
  title,
  children,
  action,
}: {
  code: string;
  title: string;
  children: ReactNode;
  /** A button of the page's own (e.g. "Try again"); the link home is always there. */
  action?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-16 text-center">
      <a href="/" className="mb-10 rounded-md">
        <Logo />
      </a>
      <p className="font-mono text-sm font-semibold text-blue-700 dark:text-blue-400">{code}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
        {title}
      </h1>
      <div className="mt-3 max-w-md text-base text-pretty text-zinc-600 dark:text-zinc-400">
        {children}
      </div>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        {action}
        <a
          href="/"
          className="inline-flex h-9 items-center rounded-lg bg-blue-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
        >
          Back to the sale
        </a>
      </div>
    </main>
  );
}
