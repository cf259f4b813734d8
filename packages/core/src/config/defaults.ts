/**
 * The values a flow config gets for fields it leaves out. The zod schema applies them when it parses
 * (server, CLI, editor); `withFlowDefaults` applies the same ones without zod, for a static flow the
 * widget fetches as plain JSON (no zod in the browser's click path).
 */
export const FLOW_DEFAULTS = {
  defaultLocale: 'en',
  maxOffersPerSession: 1,
  retentionDays: 365,
  pauseUnit: 'month',
  planInterval: 'month',
  followUpMaxLength: 500,
  feedbackMaxLength: 1000,
  themeMode: 'auto',
} as const;
