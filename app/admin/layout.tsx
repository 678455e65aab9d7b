import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: { default: 'Admin · Stockrush', template: '%s · Stockrush admin' },
  robots: { index: false, follow: false },
};

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return children;
}
