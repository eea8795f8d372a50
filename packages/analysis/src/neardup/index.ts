export {
  type AddResult,
  type ClusterView,
  createNearDuplicateIndex,
  type NearDuplicateIndex,
  type NearDuplicateOptions,
} from './index-lsh.ts';
export { jaccard, minhashSeeds, minhashSignature, type ShingleOptions, shingleHashes, shingles } from './minhash.ts';
export { type BandOptions, bandKeys, similarityOfHashes } from './band-keys.ts';
