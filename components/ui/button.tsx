import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md' | 'lg';

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    'bg-blue-600 text-white shadow-sm enabled:hover:bg-blue-700 enabled:active:bg-blue-800 disabled:bg-zinc-200 disabled:text-zinc-500 disabled:shadow-none dark:disabled:bg-zinc-800 dark:disabled:text-zinc-400',
  secondary:
    'bg-white text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 enabled:hover:bg-zinc-50 enabled:active:bg-zinc-100 disabled:text-zinc-400 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:enabled:hover:bg-zinc-800 dark:disabled:text-zinc-500',
  danger: 'bg-red-600 text-white shadow-sm enabled:hover:bg-red-500 disabled:bg-red-600/50',
  ghost:
    'text-zinc-700 enabled:hover:bg-zinc-100 enabled:hover:text-zinc-900 enabled:active:bg-zinc-200 disabled:text-zinc-400 dark:text-zinc-300 dark:enabled:hover:bg-zinc-800 dark:enabled:hover:text-white',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-8 px-2.5 text-sm',
  md: 'h-9 px-3.5 text-sm',
  lg: 'h-12 px-5 text-base',
};

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A button in the app's one accent colour (primary) or quiet neutrals; `type` defaults to "button". */
export function Button({
  variant = 'primary',
  size = 'md',
  className = '',
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex shrink-0 items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap disabled:cursor-not-allowed ${VARIANTS[variant]} ${SIZES[size]} ${className}`}
      {...rest}
    />
  );
}
