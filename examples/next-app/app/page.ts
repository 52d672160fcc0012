import { createElement as h } from 'react';
import { tessera } from '../lib/tessera';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const auth = await tessera.getAuth();
  return h(
    'main',
    null,
    h('h1', null, 'Tessera + Next.js'),
    auth === null
      ? h('p', null, h('a', { href: '/login' }, 'Sign in or sign up'))
      : h('p', null, 'Signed in as ', h('a', { href: '/dashboard' }, auth.user.email)),
    h('p', null, h('a', { href: '/spa' }, 'The React SPA (another origin)')),
  );
}
