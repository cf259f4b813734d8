import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';

// Without vitest globals, Testing Library cannot register its own cleanup: unmount after each test.
afterEach(cleanup);

// `findBy…` and `waitFor` wait for a condition; their default 1 s limit is a time limit that a slow or
// loaded machine exceeds while a view's lazy chunk is imported. A test that hangs still ends (testTimeout).
configure({ asyncUtilTimeout: 10_000 });
