import type { ApiError } from '../../api/api-error.ts';

type Props = { error: ApiError; what: string; onRetry?: () => void };

/**
 * A failed staff read, said plainly. Staff screens work only online: when the hub cannot be
 * reached, the notice says so rather than showing an empty or stale list.
 */
export function HubError({ error, what, onRetry }: Props) {
  const offline = error.code === 'offline';
  return (
    <div role="alert" className={`notice ${offline ? 'notice-offline' : 'notice-error'}`} data-code={error.code}>
      <p>
        <strong>{offline ? 'The hub cannot be reached.' : `Could not load ${what}.`}</strong>{' '}
        {offline ? `This screen works only online, so ${what} cannot be shown. ${error.message}` : error.message}
      </p>
      {onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
}
