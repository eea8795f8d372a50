export {
  type AccountName,
  assessImpersonation,
  createImpersonationDetector,
  type ImpersonationAssessment,
  type ImpersonationDetector,
  type ImpersonationOptions,
  type ImpersonationReason,
  type NameField,
} from './assess-impersonation.ts';
export { editDistance } from './edit-distance.ts';
export { type AddedKind, IMPERSONATION_WORDS } from './name-keys.ts';
export { type ScriptMix, scriptMix } from './scripts.ts';
export { type ConfusableCharacter, confusableCharacters, invisibleCount, type SkeletonOptions, skeleton } from './skeleton.ts';
