export type { ConformanceCase } from './conformance-case.js';
export { conformanceCases } from './conformance-cases.js';
