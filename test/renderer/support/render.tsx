import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { ApiProvider } from '../../../renderer/src/api/ApiContext.tsx';
import type { FakeApi } from './fake-api.ts';

/** Renders UI with the providers the app uses, over a fake API. */
export function renderWithApi(ui: ReactElement, api: FakeApi) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
}
