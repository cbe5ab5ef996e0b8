import { randomBytes, randomUUID } from 'node:crypto';

/** A new random id with a readable prefix (`conv_...`, `msg_...`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

/** A random secret, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
