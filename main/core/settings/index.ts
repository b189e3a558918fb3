export { SettingsService, DEFAULTS, SETTINGS_FILE } from './settingsService';
export type { SettingsServiceOptions, SettingsPatch, IdentityDeriver } from './settingsService';
export { createTestSecretStore, createKeyFileSecretStore, type SecretStore } from './secretStore';
export { loadOrCreateDbKey, DB_KEY_FILE } from './dbKey';
export { writeFileAtomic, writeFileAtomicSync } from './atomicWrite';
export { assertTlsCanLoad, readCaCertificates } from './certificate';
