/** A STIX 2.1 object as JSON: `type` and `id` always, the rest by type. */
export type StixObject = { type: string; id: string; spec_version?: string; [property: string]: unknown };
export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };

/** An account on a platform, as listening saw it or as the registry of official accounts holds it. */
export type AccountInput = {
  platform: string;
  handle: string;
  displayName?: string | null;
  url?: string | null;
  /** The platform's own id of the account, when known. */
  platformUserId?: string | null;
};

/** Something a partner can look for: a link, a domain or an account. */
export type IndicatorInput =
  | { kind: 'url'; value: string }
  | { kind: 'domain'; value: string }
  | { kind: 'account'; platform: string; handle: string };

/** One collected item that is evidence of a finding. */
export type EvidenceItemInput = {
  id: string;
  url?: string | null;
  publishedAt: Date;
  account?: AccountInput | null;
};

/** A known false or misleading claim with its debunk (ClaimReview-like). */
export type ClaimInput = {
  id: string;
  claimReviewed: string;
  language?: string | null;
  rating?: string | null;
  summary?: string | null;
  narrative?: { id: string; name: string } | null;
  debunk?: { url?: string | null; author?: string | null; publishedAt?: Date | null } | null;
  /** Where the claim appeared (links), shared as URL indicators. */
  appearances?: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** The detectors that raise findings (ADR 0023). */
export type DetectorType = 'claim-match' | 'coordination' | 'impersonation' | 'fake-statement';

export type FindingInput = {
  id: string;
  detector: DetectorType;
  title: string;
  description?: string | null;
  severity?: 'low' | 'medium' | 'high' | 'critical' | null;
  /** For a fake statement: was an authentic text altered (`modified`) or none matches (`fabricated`)? */
  fakeStatementKind?: 'modified' | 'fabricated' | null;
  items: EvidenceItemInput[];
  accounts: AccountInput[];
  indicators: IndicatorInput[];
  /** The claim the finding matched or created, exported with it. */
  claim?: ClaimInput | null;
  /** For impersonation: the official account imitated. */
  impersonated?: AccountInput | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A coordinated network: accounts that repeatedly shared the same links or text within a window. */
export type NetworkInput = {
  id: string;
  name?: string | null;
  accounts: AccountInput[];
  sharedUrls: string[];
  /** Whether the co-shares were near-identical text (copypasta) rather than links. */
  sharesText?: boolean;
  firstSeen: Date;
  lastSeen: Date;
  createdAt: Date;
  updatedAt: Date;
};

/** The ministry (or mission) that produces the bundle, named as `created_by_ref`. */
export type ProducerInput = { id: string; name: string; contact?: string | null };
