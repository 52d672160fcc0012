export * from './tessera-observer.js';
