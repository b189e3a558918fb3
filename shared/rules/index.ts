// The local rules layer: pure functions the renderer runs as the caseworker types and main runs
// again before anything enters the outbox. No clock (every check takes ctx.asOf), no I/O, no throw.
// Rule ids and sources: ./catalogue.ts and README.md.

export { checkMessageDraft, hasPlaceholder, messageDraftInput, placeholdersIn } from './messages';
export { absenceAsOf, checkAbsence, MIN_TEMPORARY_WORK_DAYS } from './absence';
// The limits live in shared/constants (the contract bounds requests with the same numbers).
export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_SUBJECT_CHARS, MAX_ABSENCE_COMMENT_CHARS } from '../constants';
export { checkMeeting, interviewTypesFor, meetingFormsFor } from './meetings';
export { checkPlanChange } from './plan';
export { checkJoblogEntry, joblogMonths, type JoblogMonth, type JoblogAbsence } from './joblog';
export { checkAccess } from './access';
export { checkJobOrderMediation } from './jobOrders';
export { consequencesOfAbsence, absenceNotifiesBoth } from './consequences';
export { absenceTypeCaution, absenceTypesFor, activityEndReasonsFor, messageTypesFor } from './pickers';
export {
  sameJobcenterAuthority,
  planCompanyLookup,
  accessAuditEntry,
  retentionDecision,
  DEFAULT_CACHE_RETENTION_DAYS,
} from './behaviour';
export type { CompanyLookupMode, CompanyLookupPlan, AccessAuditInput, RetentionInput, RetentionDecision } from './behaviour';
export { ruleCatalogue, ruleInfo } from './catalogue';
export { ASSUMED_NOTE } from './internal';
export { ruleContextFor, ruleCitizen, type RuleContextInput } from './context';
export type * from './types';
