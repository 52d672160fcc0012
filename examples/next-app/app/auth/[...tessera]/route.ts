// Every Tessera route (/auth/login, /auth/refresh, /auth/sessions, …) served by the app itself.
import { tessera } from '../../../lib/tessera';

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = tessera.handlers;
