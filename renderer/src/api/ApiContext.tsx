import { createContext, useContext, type ReactNode } from 'react';
import type { WorkstationApi } from '../../../shared/index.ts';

const ApiContext = createContext<WorkstationApi | null>(null);

export function ApiProvider({ api, children }: { api: WorkstationApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): WorkstationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider>');
  return api;
}
