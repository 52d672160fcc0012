// Tessera's getAuth() in jwt cookie mode: the access cookie verified in process (signature,
// claims, and the revocation set that the Redis feed keeps current); no store lookup.
import { redirect } from 'next/navigation';
import { renderProfile } from '../../lib/render-profile.js';
import { tesseraJwt } from '../../lib/tessera.js';

export const dynamic = 'force-dynamic';

export default async function TesseraJwt() {
  const auth = await tesseraJwt.getAuth();
  if (auth === null) redirect('/login');
  return renderProfile('Tessera, jwt cookie mode', auth.user.email);
}
