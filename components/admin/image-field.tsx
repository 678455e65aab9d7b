'use client';

import { useState } from 'react';
import type { Product } from '@/lib/api-types';
import { formatCount } from '@/lib/format';
import { LIMITS } from '@/lib/limits';
import { useAdminApi } from './use-admin-api';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MAX_KIB = formatCount(LIMITS.imageBytes / 1024);

/**
 * The product's image in its edit form: a preview and a file picker. A chosen file is checked
 * (type, size) and uploaded at once; the server checks its bytes again and keeps it in the store.
 */
export function ImageField({
  product,
  onUploaded,
}: {
  product: Product;
  onUploaded: (updated: Product) => void;
}) {
  const [image, setImage] = useState(product.image);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();

  async function upload(file: File) {
    if (!TYPES.includes(file.type)) {
      setMessage({ error: true, text: 'Choose a PNG, JPEG or WebP image.' });
      return;
    }
    if (file.size > LIMITS.imageBytes) {
      setMessage({ error: true, text: `At most ${MAX_KIB} KiB.` });
      return;
    }
    setPending(true);
    const result = await callAdminApi<Product>(
      `/api/admin/products/${encodeURIComponent(product.sku)}/image`,
      { method: 'PUT', file },
    );
    setPending(false);
    if (!result.ok) {
      setMessage({ error: true, text: result.error.issues[0]?.message ?? result.error.message });
      return;
    }
    setImage(result.data.image);
    setMessage({ error: false, text: 'Image saved.' });
    onUploaded(result.data);
  }

  return (
    <div className="flex items-center gap-4">
      <div className="aspect-[16/9] w-32 shrink-0 overflow-hidden rounded-lg bg-zinc-100 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700">
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- the API serves and caches it
          <img src={image} alt="Current image" className="size-full object-cover" />
        ) : (
          <span className="grid size-full place-items-center text-xs text-zinc-500 dark:text-zinc-400">
            No image
          </span>
        )}
      </div>
      <div className="min-w-0 text-sm">
        <label
          htmlFor="product-image"
          className="mb-1 block font-medium text-zinc-800 dark:text-zinc-200"
        >
          Image
        </label>
        <input
          id="product-image"
          type="file"
          accept={TYPES.join(',')}
          disabled={pending}
          aria-describedby="product-image-note"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
          className="block w-full text-xs text-zinc-600 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-2.5 file:py-1.5 file:text-sm file:font-medium file:text-zinc-800 dark:text-zinc-400 dark:file:bg-zinc-800 dark:file:text-zinc-200"
        />
        <p
          id="product-image-note"
          aria-live="polite"
          className={`mt-1 text-xs ${message?.error ? 'font-medium text-red-600 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`}
        >
          {pending ? 'Uploading…' : (message?.text ?? `PNG, JPEG or WebP, at most ${MAX_KIB} KiB.`)}
        </p>
      </div>
    </div>
  );
}
