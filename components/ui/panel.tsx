import type { ReactNode } from 'react';

type PanelProps = {
  /** Heading text; also names the region for assistive technology. */
  title?: string;
  /** Id for the heading, so the panel can be labelled by it (required with a title). */
  headingId?: string;
  /** A line under the title saying what the panel is for. */
  description?: ReactNode;
  /** Controls or a short note at the right of the heading. */
  aside?: ReactNode;
  /** Without a title: the id of a heading elsewhere that names this region. */
  labelledBy?: string;
  className?: string;
  children: ReactNode;
  /** `data-testid` of the section. */
  testId?: string;
};

/**
 * A white surface with a hairline border, titled or not: the section container of the
 * storefront and the admin alike.
 */
export function Panel({
  title,
  headingId,
  description,
  aside,
  labelledBy,
  className = '',
  children,
  testId,
}: PanelProps) {
  return (
    <section
      aria-labelledby={title ? headingId : labelledBy}
      className={`rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
      data-testid={testId}
    >
      {title ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4 dark:border-zinc-800">
          <hgroup className="min-w-0">
            <h2 id={headingId} className="text-base font-semibold tracking-tight">
              {title}
            </h2>
            {description && (
              <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
            )}
          </hgroup>
          {aside}
        </div>
      ) : null}
      {children}
    </section>
  );
}
