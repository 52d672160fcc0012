'use server';
// Server actions: the forms post here (they work without JavaScript), Tessera sets the cookies.
import { redirect } from 'next/navigation';
import { tessera } from '../lib/tessera';

function credentialsOf(form: FormData): { email: string; password: string } {
  const email = form.get('email');
  const password = form.get('password');
  return {
    email: typeof email === 'string' ? email : '',
    password: typeof password === 'string' ? password : '',
  };
}

function nextPathOf(form: FormData): string {
  const next = form.get('next');
  // Only a path of this site: never an open redirect.
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

export async function signInAction(form: FormData): Promise<void> {
  const result = await tessera.signIn(credentialsOf(form));
  if (!result.ok) redirect(`/login?error=${encodeURIComponent(result.code)}`);
  redirect(nextPathOf(form));
}

export async function signUpAction(form: FormData): Promise<void> {
  const answer = await tessera.call('POST', '/auth/register', credentialsOf(form));
  if (answer.status !== 201) {
    const code = (answer.json as { code?: unknown } | null)?.code;
    redirect(`/login?error=${encodeURIComponent(typeof code === 'string' ? code : 'error')}`);
  }
  redirect(nextPathOf(form));
}

export async function signOutAction(): Promise<void> {
  await tessera.signOut();
  redirect('/login');
}

export async function signOutEverywhereAction(): Promise<void> {
  await tessera.signOut({ everywhere: true });
  redirect('/login');
}

export async function revokeDeviceAction(form: FormData): Promise<void> {
  const id = form.get('id');
  if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    await tessera.call('DELETE', `/auth/sessions/${id}`);
  }
  redirect('/dashboard');
}
