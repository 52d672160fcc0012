// Next.js 16 runs proxy.ts before every request (middleware.ts in Next.js 15): anyone not signed in
// who asks for /dashboard is sent to /login?next=/dashboard.
import { tessera } from './lib/tessera';

export const proxy = tessera.proxy(['/dashboard']);

export const config = { matcher: ['/dashboard/:path*'] };
