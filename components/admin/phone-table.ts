/**
 * A table cell that, on a phone (where the header row is hidden and each row is a small card),
 * shows its column's name from `data-label` above its value.
 */
export const PHONE_LABEL =
  'max-sm:before:block max-sm:before:text-xs max-sm:before:font-medium max-sm:before:text-zinc-500 max-sm:before:content-[attr(data-label)] max-sm:text-left! dark:max-sm:before:text-zinc-400';
