import { z } from 'zod';
import { storableText } from './conversation.ts';

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** A console user as the API shows them (never the password hash). */
export const agentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  teams: z.array(z.string()),
  skills: z.array(z.string()),
  capacity: z.number().int(),
  active: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(200),
});
export const loginResponseSchema = z.object({ token: z.string(), agent: agentSchema });
export const logoutBodySchema = z.strictObject({
  /** Sign out every session of the account, not only this token. */
  everywhere: z.boolean().default(false),
});
export const logoutResponseSchema = z.object({ signedOut: z.literal(true) });

/** A new password; its strength (at least 12 characters, not common, not the email or name) is checked on use. */
const newPassword = z.string().max(200);

const slug = z.string().min(1).max(64);

export const createAgentBodySchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().min(1).max(200),
  role: roleSchema.default('agent'),
  password: newPassword,
  teams: z.array(slug).max(50).default([]),
  skills: z.array(slug).max(100).default([]),
  capacity: z.number().int().min(1).max(50).default(3),
});
export const updateAgentBodySchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    role: roleSchema.optional(),
    password: newPassword.optional(),
    teams: z.array(slug).max(50).optional(),
    skills: z.array(slug).max(100).optional(),
    capacity: z.number().int().min(1).max(50).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export const agentResponseSchema = z.object({ agent: agentSchema });
export const agentsResponseSchema = z.object({ agents: z.array(agentSchema) });
export const agentIdParamsSchema = z.strictObject({ id: storableText(100) });
