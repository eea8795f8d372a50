import { describe, expect, it } from 'vitest';
import { errorCodesFor, errorResponsesFor, operationIdFor, securityFor } from './openapi.ts';

describe('operationIdFor', () => {
  it('names the method and the path, a collection in the singular when an id follows', () => {
    expect(operationIdFor('GET', '/api/v1/statements')).toBe('getStatements');
    expect(operationIdFor('GET', '/api/v1/statements/:id/versions/:number')).toBe('getStatementVersion');
    expect(operationIdFor('POST', '/api/v1/statements/:id/submit')).toBe('postStatementSubmit');
    expect(operationIdFor('DELETE', '/api/v1/listening/saved-searches/:id')).toBe('deleteListeningSavedSearch');
    expect(operationIdFor('PUT', '/api/v1/clearance-chains/:id')).toBe('putClearanceChain');
  });
});

describe('securityFor', () => {
  it('asks nothing of a public route and the CSRF header of a session that changes something', () => {
    expect(securityFor('POST', { access: 'public' }, false)).toEqual([]);
    expect(securityFor('GET', { access: 'permission', permission: 'unit.read' }, false)).toEqual([{ session: [] }, { token: ['unit.read'] }]);
    expect(securityFor('PATCH', { access: 'signed-in' }, false)).toEqual([{ session: [], csrf: [] }, { token: [] }]);
  });
  it('leaves API tokens out where they are refused: step-up, session-only and the second sign-in step', () => {
    expect(securityFor('POST', { access: 'permission', permission: 'user.create' }, true)).toEqual([{ session: [], csrf: [] }]);
    expect(securityFor('GET', { access: 'signed-in', tokens: false }, false)).toEqual([{ session: [] }]);
    expect(securityFor('POST', { access: 'mfa-pending' }, false)).toEqual([{ session: [] }]);
  });
});

describe('errorCodesFor', () => {
  it('derives the codes from the access rule, the input, the path ids and step-up; every route has a rate limit', () => {
    const codes = errorCodesFor({ method: 'POST', url: '/api/v1/users/:id/memberships', config: { auth: { access: 'permission', permission: 'membership.manage' }, stepUp: true }, schema: { body: {} } });
    expect(codes).toEqual(expect.arrayContaining(['request.invalid', 'request.malformed', 'user.not-found', 'auth.required', 'auth.csrf', 'authz.forbidden', 'auth.token-scope', 'auth.step-up-required']));
    expect(codes).toContain('auth.rate-limited');
    // A public GET without input still answers 429 when its caller spent the minute's budget.
    expect(errorCodesFor({ method: 'GET', url: '/api/v1/system', config: { auth: { access: 'public' } } })).toEqual(['auth.rate-limited']);
    expect(errorCodesFor({ method: 'POST', url: '/api/v1/auth/login', config: { auth: { access: 'public' }, rateLimit: { max: 1 } }, schema: { body: {} } })).toContain('auth.rate-limited');
  });
  it("names a collection's own not-found code, a collection named like another's by its parent segment too", () => {
    const read = { auth: { access: 'permission', permission: 'insight.manage' } } as const;
    expect(errorCodesFor({ method: 'GET', url: '/api/v1/listening/imports/:id', config: read, schema: { params: {} } })).toContain('listening-import.not-found');
    const unVotes = errorCodesFor({ method: 'GET', url: '/api/v1/insights/un-votes/imports/:id', config: read, schema: { params: {} } });
    expect(unVotes).toContain('insights-unvotes.import-not-found');
    expect(unVotes).not.toContain('listening-import.not-found');
  });
  it('adds the codes a route declares and groups all of them by status', () => {
    const responses = errorResponsesFor({ method: 'POST', url: '/api/v1/statements/:id/submit', config: { auth: { access: 'permission', permission: 'statement.draft' }, errors: ['statement.invalid-state'] }, schema: { body: {} } });
    expect(Object.keys(responses)).toEqual(['400', '401', '403', '404', '409', '413', '414', '415', '429']);
    expect(responses['409']).toMatchObject({ description: '`statement.invalid-state`' });
  });
});
