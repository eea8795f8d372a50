import { unguardedOutbound } from '@diplodesk/connector-sdk';
import { describe, expect, it } from 'vitest';
import { builtInConnectors, createConnectorRegistry } from './registry.ts';

describe('connector registry', () => {
  it('offers listening on X and YouTube without their publishing apps, and publishing only with them', () => {
    const bare = createConnectorRegistry(builtInConnectors(), {}, unguardedOutbound);
    expect(bare.ingester('x')).not.toBeNull();
    expect(bare.publisher('x')).toBeNull();
    expect(bare.ingester('youtube')).not.toBeNull();
    expect(bare.publisher('youtube')).toBeNull();
    expect(bare.publisher('facebook')).toBeNull();
    expect(bare.get('facebook')).toBeNull();

    const withApps = createConnectorRegistry(builtInConnectors(), { X_CLIENT_ID: 'id', YOUTUBE_CLIENT_ID: 'id', YOUTUBE_CLIENT_SECRET: 'secret', FACEBOOK_APP_ID: '', FACEBOOK_APP_SECRET: 's' }, unguardedOutbound);
    expect(withApps.publisher('x')).not.toBeNull();
    expect(withApps.publisher('youtube')).not.toBeNull();
    // An empty variable counts as unset.
    expect(withApps.publisher('facebook')).toBeNull();
  });
});
