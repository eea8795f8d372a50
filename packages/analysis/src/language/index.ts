export { countIdMsMarkers } from './id-ms-markers.ts';
export {
  createLanguageIdentifier,
  type LanguageGuess,
  type LanguageIdentifier,
  type LanguageIdentifierOptions,
  type LanguageResult,
} from './identify.ts';
