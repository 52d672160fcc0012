// A control, not a contender: reads this request's cookies through next/headers, as every auth
// library's server-component call must, and checks nothing. The gap between this page and /no-auth
// is Next.js's own price of reading the request; the gap above it is the auth library's.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { renderProfile } from '../../lib/render-profile.js';

export const dynamic = 'force-dynamic';

export default async function HeadersOnly() {
  const cookie = (await headers()).get('cookie');
  if (cookie === null) redirect('/login');
  return renderProfile('Cookies read, nothing checked', 'bench@example.com');
}
