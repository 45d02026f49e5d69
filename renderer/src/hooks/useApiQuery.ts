import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/index.ts';
import { unwrap, type ApiError } from '../api/api-error.ts';
import { useApi } from '../api/ApiContext.tsx';
import { queryKey } from '../api/query-keys.ts';

type QueryExtras<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, ApiError>, 'queryKey' | 'queryFn'> & { keepPrevious?: boolean };

/** A read of the Workstation API, cached by react-query under [method, input]. */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryExtras<M> = {}) {
  const api = useApi();
  const { keepPrevious, ...rest } = options;
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: queryKey(method, input),
    queryFn: async () => unwrap(await api.call(method, input)),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...rest,
  });
}

/** A write to the Workstation API; invalidates the listed methods' queries when it succeeds. */
export function useApiMutation<M extends MethodName>(method: M, invalidates: readonly MethodName[] = []) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationKey: [method],
    mutationFn: async (input) => unwrap(await api.call(method, input)),
    onSuccess: async () => {
      await Promise.all(invalidates.map((m) => client.invalidateQueries({ queryKey: [m] })));
    },
  });
}
