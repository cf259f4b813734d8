/** Compliance profiles (docs/compliance.md). `us-ftc` applies to every flow. */
export const PROFILE_IDS = ['us-ftc', 'us-ca', 'us-mn', 'de', 'fr', 'eu'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
