export { type Agreement, type AgreementScoring, agreementWith, type PairAgreement, pairAgreement, positionAgreement } from './agreement.ts';
export { type CsvRecord, createCsvLineReader, createCsvReader, csvLineRecords, csvObjects, csvRecords } from './csv.ts';
export { type IdealPoint, type IdealPointOptions, idealPoints } from './ideal-points.ts';
export { buildVoteMatrix, groupRollCalls, type VoteMatrix } from './matrix.ts';
export {
  classifyVote,
  isWholeResolution,
  parseVotePosition,
  readUnRollCalls,
  readUnVotes,
  UN_ISSUES,
  type UnIssue,
  type UnRollCall,
  type UnVote,
  VOTE_CODE,
  type VoteCode,
  type VotePosition,
} from './votes.ts';
