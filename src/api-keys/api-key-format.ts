import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyMode } from './api-key.entity.js';

/** `gx_live_` / `gx_test_` + 32 random bytes in base64url (43 chars): 256 bits of entropy. */
const KEY_PATTERN = /^gx_(live|test)_[A-Za-z0-9_-]{43}$/;
const DISPLAY_CHARS = 8;

export interface GeneratedApiKey {
  secret: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(mode: ApiKeyMode): GeneratedApiKey {
  const secret = `gx_${mode}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: displayPrefix(secret), secretHash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, `gx_live_`.length + DISPLAY_CHARS);
}

export function isWellFormedApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

export function modeOfKey(secret: string): ApiKeyMode | undefined {
  return KEY_PATTERN.exec(secret)?.[1] as ApiKeyMode | undefined;
}
