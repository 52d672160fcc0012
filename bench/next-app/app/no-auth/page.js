// The ceiling: the same dynamic page with no auth at all (the email is a constant).
import { connection } from 'next/server';
import { renderProfile } from '../../lib/render-profile.js';

export const dynamic = 'force-dynamic';

export default async function NoAuth() {
  // Rendered per request, like the authenticated pages (no cached HTML).
  await connection();
  return renderProfile('No auth', 'bench@example.com');
}
