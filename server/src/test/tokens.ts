import type { Permission } from '@diplodesk/contracts';
import type { Client } from './test-app.ts';

/** Creates an API token for the signed-in client and returns the header that sends it. */
export async function tokenHeaders(c: Client, scopes: readonly Permission[]): Promise<Record<string, string>> {
  const res = await c.post('/api/v1/me/tokens', { name: `scopes ${scopes.length}`, scopes, expiresInDays: 1 });
  if (res.statusCode !== 201) throw new Error(`token creation failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json().secret}` };
}
