import type { ReactNode } from 'react';

type PanelProps = {
  /** Heading text; also names the region for assistive technology. */
  title: string;
  /** Controls or a short note at the right of the heading. */
  aside?: ReactNode;
  /** Id for the heading, so the panel can be labelled by it. */
  headingId: string;
  className?: string;
  children: ReactNode;
  /** `data-testid` of the section. */
  testId?: string;
};

/** A titled white surface with a hairline border: the page's section container. */
export function Panel({ title, aside, headingId, className = '', children, testId }: PanelProps) {
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
      data-testid={testId}
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4 dark:border-zinc-800">
        <h2 id={headingId} className="text-base font-semibold tracking-tight">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
