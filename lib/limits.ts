/**
 * The bounds of the contract's inputs (../shared/API.md), shared by the route validation and the
 * browser forms. Browser-safe: no server imports.
 */
export const LIMITS = {
  nameLength: 100,
  priceCents: 100_000_000,
  stock: 1_000_000,
  limitPerShopper: 1000,
  restockAdd: 1_000_000,
  quantity: 1000,
} as const;
