import {
  IconBulb,
  IconChartLine,
  IconHome,
  IconMessages,
  IconRadar,
  IconSettings,
  IconShieldCheck,
  IconSpeakerphone,
} from '@tabler/icons-react';

/** The product areas still being built; each has an honest "coming" page until it lands. */
export const comingAreas = ['negotiation'] as const;
export type ComingArea = (typeof comingAreas)[number];

export const areaIcons = {
  home: IconHome,
  statements: IconSpeakerphone,
  listening: IconRadar,
  insights: IconChartLine,
  integrity: IconShieldCheck,
  negotiation: IconMessages,
  administration: IconSettings,
  bulb: IconBulb,
} as const;
