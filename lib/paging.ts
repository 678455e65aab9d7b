import type { Store } from '@/lib/redis/client';

/**
 * Cursor paging over a sorted set by score, for the admin's lists: a page costs its own size,
 * whatever the set holds. A cursor is `<score>-<n>`: the last score of the page before and how
 * many of that score it already had (members of one score keep Redis's order among them), so a
 * page never repeats or skips what was there when the page before was read.
 */

/** Which end a list starts from: the highest score (newest) or the lowest (soonest). */
export type PageOrder = 'highest' | 'lowest';

export type Page = { members: string[]; nextCursor: string | null };

/** One page of `key`'s members from `cursor` (null: the first page), at most `limit`. */
export async function readPage(
  store: Store,
  key: string,
  order: PageOrder,
  cursor: string | null,
  limit: number,
): Promise<Page> {
  const [from, skip] = cursor ? cursor.split('-').map(Number) : [undefined, 0];
  const start = from === undefined ? (order === 'highest' ? '+inf' : '-inf') : String(from);
  const end = order === 'highest' ? '-inf' : '+inf';
  const reply =
    order === 'highest'
      ? await store.zrange(
          key,
          start,
          end,
          'BYSCORE',
          'REV',
          'LIMIT',
          skip!,
          limit + 1,
          'WITHSCORES',
        )
      : await store.zrange(key, start, end, 'BYSCORE', 'LIMIT', skip!, limit + 1, 'WITHSCORES');
  const entries: { member: string; score: number }[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    entries.push({ member: reply[i]!, score: Number(reply[i + 1]) });
  }
  const page = entries.slice(0, limit);
  const last = page.at(-1);
  if (entries.length <= limit || !last)
    return { members: page.map((e) => e.member), nextCursor: null };
  const sameScore = page.filter((e) => e.score === last.score).length;
  const already = from === last.score ? skip! : 0;
  return {
    members: page.map((e) => e.member),
    nextCursor: `${last.score}-${already + sameScore}`,
  };
}
