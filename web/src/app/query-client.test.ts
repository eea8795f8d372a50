import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client.ts';
import { meQueryKey } from '../modules/session/api/session.api.ts';
import { createQueryClient } from './query-client.ts';

describe('query client', () => {
  it('forgets everything a session showed once the session has ended, and signs the person out', async () => {
    const client = createQueryClient();
    client.setQueryData(meQueryKey, { user: { email: 'sari@example.go.id' } });
    client.setQueryData(['statements', 'list'], { items: [{ title: 'Draft on maritime cooperation' }] });
    client.setQueryData(['audit'], { items: [{ action: 'user.created' }] });
    await client
      .fetchQuery({
        queryKey: ['listening', 'items'],
        queryFn: () => Promise.reject(new ApiError(401, 'auth.required', 'Sign in first.')),
      })
      .catch(() => undefined);
    expect(client.getQueryData(['statements', 'list'])).toBeUndefined();
    expect(client.getQueryData(['audit'])).toBeUndefined();
    expect(client.getQueryData(meQueryKey)).toBeNull();
  });

  it('keeps what it has on other errors', async () => {
    const client = createQueryClient();
    client.setQueryData(['statements', 'list'], { items: [] });
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(new ApiError(403, 'authz.forbidden', 'No.')) }).catch(() => undefined);
    expect(client.getQueryData(['statements', 'list'])).toEqual({ items: [] });
  });
});
