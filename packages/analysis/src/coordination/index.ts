export { detectCoordination } from './detect-coordination.ts';
export { edgeThreshold } from './networks.ts';
export { type CoordinationTracker, createCoordinationTracker, type TrackerOptions } from './tracker.ts';
export type {
  CoordinatedAccount,
  CoordinatedEdge,
  CoordinatedNetwork,
  CoordinatedObject,
  CoordinationOptions,
  CoordinationResult,
  CoordinationWindow,
  CoShare,
  Share,
  ShareRef,
} from './types.ts';
export { estimateCoordinationWindow } from './window.ts';
