import type { TFunction } from 'i18next';

// The first start seeds a few records with English names (clearance chains and their steps,
// templates, the demo source). While a ministry keeps such a name as it was seeded, every screen
// shows it in the interface's language; a name somebody chose is shown as written.
const seeded: Record<string, string> = {
  'Ordinary clearance': 'ordinaryClearance',
  'Desk review': 'deskReview',
  'Final sign-off': 'finalSignOff',
  'Fast track (rapid response)': 'fastTrack',
  'Duty approver': 'dutyApprover',
  'Condolences on a disaster': 'condolences',
  'Congratulations on a national day or election': 'congratulations',
  'Travel advisory': 'travelAdvisory',
  'Rapid rebuttal of a false claim': 'rapidRebuttal',
  'Demo sample (offline, written for DiploDesk)': 'demoSource',
};

/** A record's name in the reader's language when it is still the seeded one. */
export function seededName(name: string, t: TFunction): string {
  const key = seeded[name];
  return key ? t(`seeded.${key}`, { defaultValue: name }) : name;
}

/** The seeded English names, for the test that every one of them is translated. */
export const seededNames = Object.keys(seeded);
