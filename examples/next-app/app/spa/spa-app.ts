'use client';
// A React SPA talking to a Tessera server on another origin (listed in its TESSERA_CORS_ORIGINS):
// the browser sends real preflights, and the cookies go along with `credentials: 'include'`.
import { TesseraProvider, useAuth } from '@tessera/react';
import { createElement as h, useState, type SyntheticEvent } from 'react';

/** A named field of the submitted form (`form.elements.email`), read without the DOM typings. */
function field(event: SyntheticEvent<HTMLFormElement>, name: string): string {
  const form = event.currentTarget as unknown as {
    elements: Record<string, { value?: unknown } | undefined>;
  };
  const value = form.elements[name]?.value;
  return typeof value === 'string' ? value : '';
}

function Account() {
  const { status, user, signIn, signOut } = useAuth();
  const [error, setError] = useState<string | null>(null);
  if (status === 'loading') return h('p', { id: 'status' }, 'loading');
  if (status === 'signed-in') {
    return h(
      'div',
      null,
      h('p', { id: 'status' }, `signed-in as ${user.email}`),
      h('button', { id: 'sign-out', onClick: () => void signOut() }, 'Sign out'),
    );
  }
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn({ email: field(event, 'email'), password: field(event, 'password') }).catch((reason: unknown) =>
      setError(reason instanceof Error && 'code' in reason ? String(reason.code) : 'error'),
    );
  };
  return h(
    'form',
    { onSubmit: submit },
    h('p', { id: 'status' }, 'signed-out'),
    error === null ? null : h('p', { id: 'error' }, error),
    h('input', { name: 'email', type: 'email' }),
    h('input', { name: 'password', type: 'password' }),
    h('button', { type: 'submit' }, 'Sign in'),
  );
}

export function SpaApp({ authUrl }: { authUrl: string }) {
  return h(TesseraProvider, { baseUrl: authUrl, cookieMode: 'jwt' }, h(Account));
}
