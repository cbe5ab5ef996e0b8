import { config } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` unless told not to; the pages' Content Security Policy
 * forbids eval, so a browser bundle that parses with zod imports this module first.
 */
config({ jitless: true });
