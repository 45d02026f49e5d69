import { useMemo } from 'react';
import { useApiQuery } from '../../hooks/useApiQuery.ts';

/** Names criteria and levels from the rubric on this device; ids and bare numbers when it holds none. */
export function useCriterionNames(microCredentialId: string) {
  const names = useApiQuery('catalog.criteria', { microCredentialId }, { staleTime: Infinity });
  return useMemo(() => {
    const titles = new Map((names.data?.criteria ?? []).map((c) => [c.id, c.title]));
    const labels = names.data?.labels ?? [];
    return {
      title: (criterionId: string) => titles.get(criterionId) ?? criterionId,
      level: (level: number) => (labels[level - 1] ? `${level} ${labels[level - 1]}` : String(level)),
    };
  }, [names.data]);
}
