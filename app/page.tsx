import { POLL_MS } from '@/components/store/poll-interval';
import { Storefront } from '@/components/store/storefront';

export default function Home() {
  return <Storefront pollMs={POLL_MS} />;
}
