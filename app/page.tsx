import { POLL_MS } from '@/components/ui/poll-interval';
import { Storefront } from '@/components/store/storefront';

export default function Home() {
  return <Storefront pollMs={POLL_MS} />;
}
