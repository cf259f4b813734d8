import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

// Without vitest globals, Testing Library cannot register its own cleanup: unmount after each test.
afterEach(cleanup);
