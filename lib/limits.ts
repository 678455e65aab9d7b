/**
 * The bounds of the contract's inputs (docs/API.md), shared by the route validation and the
 * browser forms. Browser-safe: no server imports.
 */
export const LIMITS = {
  nameLength: 100,
  priceCents: 100_000_000,
  /** The most units a product holds at once: at creation and after every restock. */
  stock: 1_000_000,
  limitPerShopper: 1000,
  restockAdd: 1_000_000,
  quantity: 1000,
  /** The largest product image an admin may upload (PNG, JPEG or WebP). */
  imageBytes: 512 * 1024,
  /**
   * The most pixels (width × height, from the image's header) a product image may have: a small
   * file can declare a huge canvas that every storefront would have to decode (4096 × 4096 here is
   * 64 MB of RGBA).
   */
  imagePixels: 4096 * 4096,
  /** Stock buckets of one product: enough to keep 16 instances apart. */
  buckets: 16,
  /** A hold's time: long enough to pay, short enough that an abandoned cart comes back soon. */
  holdSecondsMin: 2,
  holdSecondsMax: 3600,
  /** The hold time of a product that names none. */
  holdSecondsDefault: 300,
} as const;

/** What a hold id may be (a UUID as the store makes them): it goes into key names and paths. */
export const HOLD_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** What a SKU may be: it goes into key names and paths. */
export const SKU_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
