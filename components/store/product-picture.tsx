import type { Product } from '@/lib/api-types';

/** Hues for products without an image, picked by SKU so a product keeps its colour. */
const HUES = [217, 262, 330, 24, 160, 190];

function hueOf(sku: string): number {
  let hash = 0;
  for (const char of sku) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length]!;
}

/**
 * The product's picture across the top of its card, or a quiet placeholder (a soft gradient in
 * the product's hue with its initial). Decorative: the name is the card's heading.
 */
export function ProductPicture({ product }: { product: Product }) {
  const frame = '-mx-5 -mt-5 mb-5 aspect-[16/9] overflow-hidden rounded-t-2xl sm:-mx-6 sm:-mt-6';
  if (product.image) {
    return (
      <div className={`${frame} bg-zinc-100 dark:bg-zinc-800`}>
        {/* eslint-disable-next-line @next/next/no-img-element -- served by the API with its own caching; next/image would add to the first load */}
        <img
          src={product.image}
          alt=""
          width={480}
          height={270}
          loading="lazy"
          decoding="async"
          data-testid={`image-${product.sku}`}
          className="size-full object-cover"
        />
      </div>
    );
  }
  const hue = hueOf(product.sku);
  const initial = [...product.name.trim()][0]?.toUpperCase() ?? '';
  return (
    <div
      aria-hidden="true"
      data-testid={`placeholder-${product.sku}`}
      className={`${frame} grid place-items-center text-5xl font-semibold text-white/80`}
      style={{
        backgroundImage: `linear-gradient(135deg, hsl(${hue} 70% 62%), hsl(${(hue + 40) % 360} 65% 48%))`,
      }}
    >
      {initial}
    </div>
  );
}
