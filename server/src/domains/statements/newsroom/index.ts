// The newsroom's door: the statements core signs and withdraws through these; the app mounts the plugin.
export { newsroomPlugin, verifyRatePerMinute } from './newsroom.plugin.ts';
export {
  discardUnpublishedEntries,
  entryUrl,
  newsroomEntriesFor,
  recordSignedStatement,
  withdrawSignedStatement,
  type RecordedEntry,
  type SignedStatementInput,
} from './record-signed-statement.ts';
export { verifyText, verifyUrl, verifyBundle, VerifyInputError, type VerificationResult, type VerifyTextOptions, type Verdict, type DiffPart } from './verification.ts';
export { newsroomEntries, type NewsroomAttachment, type NewsroomEntryRow } from './newsroom.tables.ts';
export { entriesOfStatements } from './newsroom.repo.ts';
export { type PublishedClaimReview, publishedClaimReviews } from './published-reviews.ts';
