export * from './create-node-listener.js';
