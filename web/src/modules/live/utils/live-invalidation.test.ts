import { describe, expect, it } from 'vitest';
import { queryKeysForEvent } from './live-invalidation.ts';

describe('queryKeysForEvent', () => {
  it('refreshes the audit log when an entry is appended', () => {
    expect(queryKeysForEvent('audit.appended')).toEqual([['audit']]);
  });

  it('refreshes users, the current person and the audit log on membership changes', () => {
    expect(queryKeysForEvent('membership.granted')).toEqual([['users'], ['me'], ['audit']]);
  });

  it('refreshes units, and the users that show unit names, on unit changes', () => {
    expect(queryKeysForEvent('unit.updated')).toEqual([['units'], ['users'], ['me'], ['audit']]);
  });

  it('refreshes only the audit log for events of other domains', () => {
    expect(queryKeysForEvent('statement.signed')).toEqual([['audit']]);
  });
});
