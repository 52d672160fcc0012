// Tessera's getAuth() in session mode: the opaque session cookie looked up in the deployment's
// store (PostgreSQL), through the local cache that revocations invalidate.
import { redirect } from 'next/navigation';
import { renderProfile } from '../../lib/render-profile.js';
import { tesseraSession } from '../../lib/tessera.js';

export const dynamic = 'force-dynamic';

export default async function TesseraSession() {
  const auth = await tesseraSession.getAuth();
  if (auth === null) redirect('/login');
  return renderProfile('Tessera, session mode', auth.user.email);
}
