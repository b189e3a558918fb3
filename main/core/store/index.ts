export { openStore, Store, StoreKeyError, DB_FILE_NAME, type OpenStoreOptions } from './db';
export { BlobStore } from './blobs';
export { freshnessOf } from './freshness';
export { uuidv7 } from './ids';
export { purgeCache, purgeCitizen, type PurgeReport, type PurgeReason } from './retention';
export { toSummary, ftsPrefixQuery, type CachedCitizen, type CitizenAccess } from './repos/citizens';
export type { CachePart } from './repos/caseData';
export type { AdvisoryFilter } from './repos/advisories';
export type { Db } from './sqlite';
