export { SettingsService, DEFAULTS, DEFAULT_PROXY, SETTINGS_FILE } from './settingsService';
export type { SettingsServiceOptions, SettingsPatch, IdentityDeriver, ProxySetting } from './settingsService';
export { createTestSecretStore, createKeyFileSecretStore, isKeyFileSealed, KEY_FILE, type SecretStore } from './secretStore';
export { loadOrCreateDbKey, DB_KEY_FILE, OBFUSCATED_KEYS_REFUSED, type DbKeyOptions } from './dbKey';
export { writeFileAtomic, writeFileAtomicSync } from './atomicWrite';
export { assertTlsCanLoad, readCaCertificates } from './certificate';
export { checkPkcs12OffThread, identityOffThread, CERTIFICATE_CHECK_TIMEOUT_MS } from './certificateImport';
