import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };

// GDELT writes every *Geo_CountryCode as FIPS 10-4 and every Actor*CountryCode as a CAMEO
// three-letter code. FIPS reuses ISO letters for other countries (FIPS "AS" is Australia, ISO "AS"
// is American Samoa), so a join without this table is silently wrong.
// FIPS 10-4 → ISO 3166-1 alpha-2, for countries and the territories GDELT geocodes often.
const FIPS_TO_ISO: Readonly<Record<string, string>> = {
  AF: 'AF', AL: 'AL', AG: 'DZ', AN: 'AD', AO: 'AO', AC: 'AG', AR: 'AR', AM: 'AM', AS: 'AU', AU: 'AT',
  AJ: 'AZ', BF: 'BS', BA: 'BH', BG: 'BD', BB: 'BB', BO: 'BY', BE: 'BE', BH: 'BZ', BN: 'BJ', BT: 'BT',
  BL: 'BO', BK: 'BA', BC: 'BW', BR: 'BR', BX: 'BN', BU: 'BG', UV: 'BF', BM: 'MM', BY: 'BI', CB: 'KH',
  CM: 'CM', CA: 'CA', CV: 'CV', CT: 'CF', CD: 'TD', CI: 'CL', CH: 'CN', CO: 'CO', CN: 'KM', CF: 'CG',
  CG: 'CD', CS: 'CR', IV: 'CI', HR: 'HR', CU: 'CU', CY: 'CY', EZ: 'CZ', DA: 'DK', DJ: 'DJ', DO: 'DM',
  DR: 'DO', TT: 'TL', EC: 'EC', EG: 'EG', ES: 'SV', EK: 'GQ', ER: 'ER', EN: 'EE', ET: 'ET', WZ: 'SZ',
  FJ: 'FJ', FI: 'FI', FR: 'FR', GB: 'GA', GA: 'GM', GG: 'GE', GM: 'DE', GH: 'GH', GR: 'GR', GJ: 'GD',
  GT: 'GT', GV: 'GN', PU: 'GW', GY: 'GY', HA: 'HT', HO: 'HN', HU: 'HU', IC: 'IS', IN: 'IN', ID: 'ID',
  IR: 'IR', IZ: 'IQ', EI: 'IE', IS: 'IL', IT: 'IT', JM: 'JM', JA: 'JP', JO: 'JO', KZ: 'KZ', KE: 'KE',
  KR: 'KI', KN: 'KP', KS: 'KR', KV: 'XK', KU: 'KW', KG: 'KG', LA: 'LA', LG: 'LV', LE: 'LB', LT: 'LS',
  LI: 'LR', LY: 'LY', LS: 'LI', LH: 'LT', LU: 'LU', MK: 'MK', MA: 'MG', MI: 'MW', MY: 'MY', MV: 'MV',
  ML: 'ML', MT: 'MT', RM: 'MH', MR: 'MR', MP: 'MU', MX: 'MX', FM: 'FM', MD: 'MD', MN: 'MC', MG: 'MN',
  MJ: 'ME', MO: 'MA', MZ: 'MZ', WA: 'NA', NR: 'NR', NP: 'NP', NL: 'NL', NZ: 'NZ', NU: 'NI', NG: 'NE',
  NI: 'NG', NO: 'NO', MU: 'OM', PK: 'PK', PS: 'PW', PM: 'PA', PP: 'PG', PA: 'PY', PE: 'PE', RP: 'PH',
  PL: 'PL', PO: 'PT', QA: 'QA', RO: 'RO', RS: 'RU', RW: 'RW', SC: 'KN', ST: 'LC', VC: 'VC', WS: 'WS',
  SM: 'SM', TP: 'ST', SA: 'SA', SG: 'SN', RI: 'RS', SE: 'SC', SL: 'SL', SN: 'SG', LO: 'SK', SI: 'SI',
  BP: 'SB', SO: 'SO', SF: 'ZA', OD: 'SS', SP: 'ES', CE: 'LK', SU: 'SD', NS: 'SR', SW: 'SE', SZ: 'CH',
  SY: 'SY', TW: 'TW', TI: 'TJ', TZ: 'TZ', TH: 'TH', TO: 'TG', TN: 'TO', TD: 'TT', TS: 'TN', TU: 'TR',
  TX: 'TM', TV: 'TV', UG: 'UG', UP: 'UA', AE: 'AE', UK: 'GB', US: 'US', UY: 'UY', UZ: 'UZ', NH: 'VU',
  VT: 'VA', VE: 'VE', VM: 'VN', YM: 'YE', ZA: 'ZM', ZI: 'ZW',
  // Territories and disputed areas.
  WE: 'PS', GZ: 'PS', HK: 'HK', MC: 'MO', RQ: 'PR', GQ: 'GU', AQ: 'AS', NC: 'NC', FP: 'PF', GL: 'GL',
  WI: 'EH', CW: 'CK', NE: 'NU', KT: 'CX', CK: 'CC', NF: 'NF', BD: 'BM', CJ: 'KY', VI: 'VG', VQ: 'VI',
  AA: 'AW', FK: 'FK', FO: 'FO', GI: 'GI', RE: 'RE', MB: 'MQ', GP: 'GP', FG: 'GF', MF: 'YT', TL: 'TK',
  WF: 'WF', CQ: 'MP', PC: 'PN', SH: 'SH', SB: 'PM', IM: 'IM', JE: 'JE', GK: 'GG', AV: 'AI', MH: 'MS',
  TK: 'TC', AY: 'AQ', UC: 'CW', NN: 'SX', RN: 'MF', TB: 'BL',
};

// CAMEO country codes are ISO alpha-3 except for a few older or home-made ones.
const CAMEO_EXCEPTIONS: Readonly<Record<string, string>> = {
  ROM: 'RO', // Romania before ISO moved to ROU
  TMP: 'TL', // East Timor before TLS
  ZAR: 'CD', // Zaire
  KSV: 'XK', // Kosovo has no ISO alpha-3; CAMEO and others use home-made codes
  XKX: 'XK',
};

const ALPHA3_TO_ISO: ReadonlyMap<string, string> = new Map(
  (isoCodes as string[][]).flatMap((row) => (row[0] && row[1] ? [[row[1], row[0]] as [string, string]] : [])),
);

/** GDELT geo country code (FIPS 10-4) → ISO 3166-1 alpha-2, or undefined when unknown. */
export function fipsToIso(fips: string): string | undefined {
  return FIPS_TO_ISO[fips.trim().toUpperCase()];
}

/**
 * GDELT actor country code (CAMEO, three letters) → ISO 3166-1 alpha-2. Regional codes
 * (AFR, EUR, SEA, …) are not countries and give undefined.
 */
export function cameoCountryToIso(cameo3: string): string | undefined {
  const code = cameo3.trim().toUpperCase();
  return CAMEO_EXCEPTIONS[code] ?? ALPHA3_TO_ISO.get(code);
}
