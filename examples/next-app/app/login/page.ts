import { createElement as h } from 'react';
import { signInAction, signUpAction } from '../actions';

export const dynamic = 'force-dynamic';

function form(action: (form: FormData) => Promise<void>, label: string, next: string) {
  return h(
    'form',
    { action, 'aria-label': label },
    h('input', { type: 'hidden', name: 'next', value: next }),
    h(
      'label',
      null,
      'Email ',
      h('input', { name: 'email', type: 'email', required: true, autoComplete: 'username' }),
    ),
    h(
      'label',
      null,
      'Password ',
      h('input', {
        name: 'password',
        type: 'password',
        required: true,
        minLength: 8,
        autoComplete: 'current-password',
      }),
    ),
    h('button', { type: 'submit' }, label),
  );
}

export default async function LoginPage(props: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { error, next } = await props.searchParams;
  return h(
    'main',
    null,
    h('h1', null, 'Sign in'),
    error === undefined ? null : h('p', { role: 'alert' }, `Refused: ${error}`),
    form(signInAction, 'Sign in', next ?? '/dashboard'),
    h('h2', null, 'New here?'),
    form(signUpAction, 'Sign up', next ?? '/dashboard'),
  );
}
