// Events the statements domain appends to the outbox. Subscribers (ActivityPub delivery, live
// status, later insights) read these payloads; the type strings are NATS subjects too.

/** One language version of a statement as the public newsroom shows it. */
export type PublishedLanguageVersion = {
  language: string;
  title: string;
  /** Plain text (paragraphs separated by blank lines). */
  body: string;
  /** Absolute URL of the signed newsroom page for this language. */
  url: string;
};

/** The statement went live: its newsroom pages are public from `publishedAt`. */
export const statementPublished = 'statements.statement-published';
export type StatementPublishedData = {
  statementId: string;
  /** Root unit (the ministry): the ActivityPub organisation actor. */
  organisationId: string;
  /** Owning unit (a mission's actor when per-mission actors are on). */
  unitId: string;
  kind: string;
  publishedAt: string;
  versions: PublishedLanguageVersion[];
};

/** The statement was withdrawn: newsroom pages show the reason; federated copies are deleted. */
export const statementWithdrawn = 'statements.statement-withdrawn';
export type StatementWithdrawnData = {
  statementId: string;
  organisationId: string;
  unitId: string;
  reason: string;
  withdrawnAt: string;
};

/** Any change a viewer of the statement should see live (status, clearance decision, edit, publication state). */
export const statementChanged = 'statements.statement-changed';
export type StatementChangedData = {
  statementId: string;
  status: string;
  /** What happened, for the live toast: `edited`, `submitted`, `approved`, `publication-updated` … */
  change: string;
  actorId: string | null;
  /** Who drafted it, so the owner can be told (an expired clearance) wherever they are in the app. */
  ownerId?: string | null;
  /** Title in the primary language, for that notice. */
  title?: string;
};
