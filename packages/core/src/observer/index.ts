// `@tessera/core/observer`: the hook metrics and logs hang on.
export * from './tessera-observer.js';
