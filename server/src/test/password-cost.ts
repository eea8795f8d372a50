/**
 * scrypt cost (log2 N) of the servers and apps tests start: ~1 ms a hash instead of production's
 * ~150 ms, which every sign-in of the suite would otherwise pay. The production default and the
 * refusal of a lower one in production are tested in platform/config.
 */
export const TEST_PASSWORD_HASH_COST = '10';
