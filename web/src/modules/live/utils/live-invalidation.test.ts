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

  it('refreshes the findings (inbox, open finding, navigation count) and the claims on integrity events', () => {
    expect(queryKeysForEvent('integrity.finding-raised')).toEqual([['integrity', 'findings'], ['integrity', 'claims'], ['audit']]);
    expect(queryKeysForEvent('integrity.finding-changed')).toEqual([['integrity', 'findings'], ['integrity', 'claims'], ['audit']]);
  });

  it('refreshes only the audit log for events of other domains', () => {
    expect(queryKeysForEvent('statement.signed')).toEqual([['audit']]);
  });
});
