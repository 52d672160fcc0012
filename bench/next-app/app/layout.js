import { createElement } from 'react';

export const metadata = { title: 'Tessera bench: auth cost in server components' };

export default function RootLayout({ children }) {
  return createElement('html', { lang: 'en' }, createElement('body', null, children));
}
