import { describe, expect, it } from 'vitest';
import { notifyBody, notifyValueOf } from './alert-notify.ts';

const stored = { quietFrom: '21:30', quietTo: '06:00', timeZone: 'Asia/Jakarta', emailUserIds: ['u1'], emailAddresses: ['desk@kemlu.example'], notifyWebhooks: true };

describe('the notify fields of rules and monitors', () => {
  it('start from what is stored and give it back unchanged', () => {
    const value = notifyValueOf(stored);
    expect(value).toMatchObject({ quiet: true, quietFrom: '21:30', quietTo: '06:00', notifyWebhooks: true });
    expect(notifyBody(value, stored.timeZone)).toEqual(stored);
  });

  it('send no quiet hours when they are switched off, and keep the times for switching back', () => {
    const off = { ...notifyValueOf(stored), quiet: false };
    expect(notifyBody(off, 'UTC')).toMatchObject({ quietFrom: null, quietTo: null, timeZone: 'UTC' });
    expect(off.quietFrom).toBe('21:30');
  });

  it('offer 22:00–07:00 and no recipients to a new rule or monitor', () => {
    expect(notifyValueOf(null)).toEqual({ quiet: false, quietFrom: '22:00', quietTo: '07:00', emailUserIds: [], emailAddresses: [], notifyWebhooks: false });
  });
});
