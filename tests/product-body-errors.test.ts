// The product form checks with the route's own schema: every error shows at the first submit.
import { describe, expect, it } from 'vitest';
import { productBodySchema } from '@/lib/api-schemas';

const paths = (value: unknown) => {
  const result = productBodySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('product body: every error at once', () => {
  it('names a window ending before it starts together with the other fields', () => {
    const issues = paths({
      name: 'Bad',
      // What the form sends for a price it cannot read ("-5"): a type error, which zod treats as
      // fatal for the object's own checks unless told when they still apply.
      priceCents: Number.NaN,
      stock: -10,
      limitPerShopper: 99_999_999,
      startsAt: '2026-11-27T12:00:00.000Z',
      endsAt: '2026-11-27T11:00:00.000Z',
      buckets: 99,
    });
    expect(issues).toContain('endsAt: The end must come after the start.');
    expect(issues.map((i) => i.split(':')[0])).toEqual(
      expect.arrayContaining(['priceCents', 'stock', 'limitPerShopper', 'buckets', 'endsAt']),
    );
  });

  it('does not judge the window while one of its times is itself invalid', () => {
    const issues = paths({
      name: 'Ok',
      priceCents: 100,
      stock: 1,
      limitPerShopper: 1,
      startsAt: 'soon',
      endsAt: '2026-11-27T11:00:00.000Z',
    });
    expect(issues).toEqual(['startsAt: Enter a complete date and time.']);
  });
});
