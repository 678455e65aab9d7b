import { redirect } from 'next/navigation';
import { AdminDashboard } from '@/components/admin/admin-dashboard';
import { isAdminRequest } from './admin-session';

export default async function AdminPage() {
  if (!(await isAdminRequest())) redirect('/admin/login');
  return <AdminDashboard />;
}
