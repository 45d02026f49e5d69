// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());
