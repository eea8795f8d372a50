import { describe, expect, it } from 'vitest';
import { createUserRequest, updateMeRequest, updateUserRequest } from './identity.ts';

// A display name needs no direction override: "Admin‮nimda" must not pose as another person.
describe('display names', () => {
  it('lose their bidi controls at write time, on every request that sets one', () => {
    const spoof = 'Budi \u202Eegats\u202C Santoso\u200F';
    expect(updateMeRequest.parse({ displayName: spoof }).displayName).toBe('Budi egats Santoso');
    expect(updateUserRequest.parse({ displayName: spoof }).displayName).toBe('Budi egats Santoso');
    expect(createUserRequest.parse({ email: 'budi@example.org', displayName: spoof }).displayName).toBe('Budi egats Santoso');
  });

  it('are still required once the controls are gone', () => {
    expect(updateMeRequest.safeParse({ displayName: '\u202E\u202C' }).success).toBe(false);
  });
});
