import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default. On a 2-core CI machine running the node, renderer and
// build steps side by side, a render after several user events can take longer than that, which made
// tests fail that pass alone; 5 s still fails fast when the awaited thing never appears.
configure({ asyncUtilTimeout: 5_000 });
