// Testing Library's matchers on vitest's expect, for the type checker (test/setup/renderer.ts installs them).
import '@testing-library/jest-dom/vitest';
