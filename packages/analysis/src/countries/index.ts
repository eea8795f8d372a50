export { type CountryMention, type CountryMentions, countriesMentioned, type GazetteerLanguage } from './gazetteer.ts';
export { cameoCountryToIso, fipsToIso } from './gdelt-codes.ts';
