import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/admin/login-form';
import { AdminWordmark } from '@/components/admin/wordmark';
import { isAdminRequest } from '../admin-session';

export const metadata: Metadata = { title: 'Log in' };

export default async function AdminLoginPage() {
  if (await isAdminRequest()) redirect('/admin');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <AdminWordmark />
        </div>
        <div className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="text-xl font-semibold tracking-tight">Log in</h1>
          <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
            Enter the admin password to manage products, stock and sale windows.
          </p>
          <LoginForm />
        </div>
        <p className="mt-6 text-center text-sm">
          <Link
            href="/"
            className="rounded text-zinc-600 underline-offset-4 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-white"
          >
            ← Back to the store
          </Link>
        </p>
      </div>
    </main>
  );
}
