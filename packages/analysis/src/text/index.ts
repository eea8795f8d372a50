export { type NormalisedText, normalise, type StripOptions, stripEntities } from './normalise.ts';
export { tokens } from './tokens.ts';
