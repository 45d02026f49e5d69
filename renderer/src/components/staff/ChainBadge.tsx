import type { AuditVerifyResponse } from '../../../../shared/index.ts';
import type { ApiError } from '../../api/api-error.ts';

type Props = { verify: AuditVerifyResponse | undefined; pending: boolean; error: ApiError | null };

/** The audit chain's verification state in a word, for the decision page and the audit log. */
export function ChainBadge({ verify, pending, error }: Props) {
  let text: string;
  let tone: string;
  if (pending) [text, tone] = ['Verifying the audit chain…', 'pending'];
  else if (error) [text, tone] = [error.code === 'offline' ? 'Chain not verified: hub unreachable' : 'Chain not verified', 'unknown'];
  else if (verify?.ok) [text, tone] = [`Chain verified (${verify.checked} events)`, 'ok'];
  else [text, tone] = [`Chain broken at seq ${verify?.firstBadSeq ?? '?'}`, 'bad'];
  return <span className={`badge chain-badge chain-${tone}`} data-testid="chain-badge">{text}</span>;
}
