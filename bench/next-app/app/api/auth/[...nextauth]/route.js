// Auth.js's routes (/api/auth/csrf, /api/auth/callback/credentials, …): the bench signs in here.
import { handlers } from '../../../../lib/authjs.js';

export const { GET, POST } = handlers;
