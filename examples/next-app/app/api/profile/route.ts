// A protected route handler: 401 problem for anonymous callers, the user for signed-in ones.
import { tessera } from '../../../lib/tessera';

export const GET = tessera.withAuth((_request, auth) =>
  Response.json({ id: auth.user.id, email: auth.user.email, proof: auth.proof }),
);
