// Auth.js as its docs set it up for email + password: the Credentials provider and the default JWT
// session strategy. One account, whose password is compared in constant time; AUTH_SECRET and
// AUTH_TRUST_HOST come from the environment the bench starts `next start` with.
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';

const account = { id: 'u_bench', email: 'bench@example.com', name: 'Bench' };

function passwordMatches(given) {
  const expected = Buffer.from(process.env.BENCH_AUTHJS_PASSWORD ?? '');
  const actual = Buffer.from(typeof given === 'string' ? given : '');
  return expected.length > 0 && actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const { handlers, auth } = NextAuth({
  session: { strategy: 'jwt' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize(credentials) {
        return credentials.email === account.email && passwordMatches(credentials.password) ? account : null;
      },
    }),
  ],
});
