// Imported first by every DOM test. Vitest runs without globals here, so Testing Library
// cannot register its own cleanup. Its find*/waitFor give up after 1 s by default, which a
// screen's first render can take with both cores busy (a Reliability test failed so under
// load, still busy rendering); they wait for an event, so a longer bound costs nothing when
// the machine is idle.
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
afterEach(() => cleanup());
