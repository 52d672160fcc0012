// A protected server component: getAuth() reads the cookies of this request (jwt mode: the access
// token verified in process, revocations included); nobody signed in → /login.
import { redirect } from 'next/navigation';
import { createElement as h } from 'react';
import { revokeDeviceAction, signOutAction, signOutEverywhereAction } from '../actions';
import { tessera } from '../../lib/tessera';

export const dynamic = 'force-dynamic';

interface Device {
  id: string;
  userAgent: string | null;
  lastSeenAt: string;
  current: boolean;
}

export default async function Dashboard() {
  const auth = await tessera.getAuth();
  if (auth === null) redirect('/login?next=/dashboard');
  const devices = await tessera.call('GET', '/auth/sessions');
  const sessions = devices.status === 200 ? (devices.json as { sessions: Device[] }).sessions : [];
  return h(
    'main',
    null,
    h('h1', null, 'Dashboard'),
    h('p', { id: 'who' }, `Signed in as ${auth.user.email}`),
    h('h2', null, 'Your devices'),
    h(
      'ul',
      { id: 'devices' },
      ...sessions.map((device) =>
        h(
          'li',
          { key: device.id },
          `${device.userAgent ?? 'unknown device'} · last seen ${device.lastSeenAt}${device.current ? ' (this one)' : ''} `,
          h(
            'form',
            { action: revokeDeviceAction, style: { display: 'inline' } },
            h('input', { type: 'hidden', name: 'id', value: device.id }),
            h('button', { type: 'submit' }, 'Sign out this device'),
          ),
        ),
      ),
    ),
    h('form', { action: signOutAction }, h('button', { type: 'submit' }, 'Sign out')),
    h('form', { action: signOutEverywhereAction }, h('button', { type: 'submit' }, 'Sign out everywhere')),
  );
}
