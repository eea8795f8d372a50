// The identity domain's only door.
export { identityPlugin } from './identity.plugin.ts';
export { cookieNamesFor, createAuthenticator, sessionCookie, csrfCookie } from './authenticate.ts';
export { allowedForMeetingGuests, installIdentityGuards } from './identity-guards.ts';
export { initialiseWorkspace, readWorkspaceMeta } from './commands/initialise-workspace.ts';
export { createUser } from './commands/create-user.ts';
export { setUserPassword } from './commands/update-user.ts';
export { grantMembership } from './commands/manage-memberships.ts';
export { displayNamesOf, findUnit, findUserByEmail, findRootUnit, findUnitByCode, listUnits, activePeopleWithRoles, type MailContact, mailContactsOf, membershipsOf, rolesReaching, type UnitRow } from './identity.repo.ts';
export { stepUpFactorsOf } from './commands/step-up.ts';
export { type MemberPrincipal, memberPrincipals } from './queries/member-principals.ts';
export { createIdentityRuntime, type IdentityRuntime } from './identity-runtime.ts';
export { identitySealedColumns } from './identity.sealed.ts';
export { identityTransaction } from './identity-transaction.ts';
export { createPartnerAccount, issuePartnerToken, partnerScopes, partnerTokens, revokePartnerToken, updatePartnerAccount } from './commands/partner-accounts.ts';
export { guestAccountFor, isStaffAddress, signInGuest, type GuestAccount } from './commands/guest-accounts.ts';
export type { CookieNames } from './authenticate.ts';
