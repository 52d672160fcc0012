// Auth.js (next-auth v5): auth() in a server component, Credentials provider, JWT session (an
// encrypted JWT in a cookie, decrypted on every request).
import { redirect } from 'next/navigation';
import { auth } from '../../lib/authjs.js';
import { renderProfile } from '../../lib/render-profile.js';

export const dynamic = 'force-dynamic';

export default async function AuthJs() {
  const session = await auth();
  if (session?.user?.email == null) redirect('/login');
  return renderProfile('Auth.js', session.user.email);
}
