/**
 * Every default of core's factories, written once, with where it comes from; and the range each
 * whole-number setting accepts. The factories (`createTesseraDeps`, `resolveSessionPolicy`,
 * `createTesseraHttp`) fill in the defaults and check the ranges at start-up (`TypeError` naming
 * the option); the server's environment reader checks the same ranges to name its variable instead.
 * The values are kept by area in ./defaults/, which imports nothing, so every part of core can read
 * them without an import circle; this module is the one place that gathers them (decision 0031).
 */
export * from './defaults/session-defaults.js';
export * from './defaults/email-oauth-cors-defaults.js';
export * from './defaults/check-setting.js';
