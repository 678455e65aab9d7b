import type { ReactNode } from 'react';

type StateMessageProps = {
  title: string;
  children?: ReactNode;
  /** An icon or spinner above the title. */
  icon?: ReactNode;
  /** `alert` announces itself to screen readers (for errors); `status` politely. */
  role?: 'status' | 'alert';
  className?: string;
};

/** A centred, designed empty / loading / error state instead of a blank area. */
export function StateMessage({ title, children, icon, role, className = '' }: StateMessageProps) {
  return (
    <div role={role} className={`flex flex-col items-center px-6 py-10 text-center ${className}`}>
      {icon ? <div className="mb-3 text-zinc-400 dark:text-zinc-500">{icon}</div> : null}
      <p className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</p>
      {children ? (
        <div className="mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      ) : null}
    </div>
  );
}
