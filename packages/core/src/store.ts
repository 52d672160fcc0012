// Kept so that imports of '../store.js' still resolve while other work lands; the parts live in store/.
export * from './store/index.js';
