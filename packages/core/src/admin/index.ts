export * from './admin-actor.js';
export * from './admin-deps.js';
export * from './disable-user.js';
export * from './enable-user.js';
export * from './list-users-page.js';
export * from './set-user-roles.js';
