export * from './admin-actor.js';
export * from './admin-deps.js';
export * from './admin-role.js';
export * from './disable-user.js';
export * from './enable-user.js';
export * from './keep-last-admin.js';
export * from './list-users-page.js';
export * from './set-user-roles.js';
