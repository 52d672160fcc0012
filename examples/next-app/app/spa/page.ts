// The SPA's page: the Tessera server it talks to is another origin, given at run time.
import { createElement as h } from 'react';
import { SpaApp } from './spa-app';

export const dynamic = 'force-dynamic';

export default function SpaPage() {
  return h(SpaApp, { authUrl: process.env['TESSERA_SPA_AUTH_URL'] ?? 'http://127.0.0.1:3000' });
}
