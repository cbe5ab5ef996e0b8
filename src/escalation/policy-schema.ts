import { z } from 'zod';

/** The escalation policy section of a pack (owned by the escalation part; grows with its detectors and rules). */
export const policySchema = z.object({}).passthrough();

export type Policy = z.infer<typeof policySchema>;
