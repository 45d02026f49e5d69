import { fail, isMethodName, workstationContract, type Handlers, type MethodName, type Result } from '../../../shared/index.ts';
import { MediaError } from '../media/errors.ts';
import { StoreError } from '../store/types.ts';

export type Dispatch = (method: string, rawInput: unknown) => Promise<Result<unknown>>;

/**
 * The one entry both transports call: checks the method name, validates the input against
 * the contract, runs the handler and turns any throw into the result envelope. Internal
 * failures are logged with their stack here and answered with a generic message.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) return fail('unknown_method', `Unknown method: ${method}`);
    const parsed = workstationContract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = first && first.path.length > 0 ? first.path.join('.') : 'input';
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
      return fail('invalid', `Invalid input for ${method}: ${field}: ${first?.message ?? 'invalid'}`, issues);
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (err) {
      return fromThrown(method, err);
    }
  };
}

function fromThrown(method: MethodName, err: unknown): Result<unknown> {
  if (err instanceof StoreError) return fail(err.code, err.message, err.details);
  // Media errors (tampered file, full disk) carry a code and a message meant for the user.
  if (err instanceof MediaError) return fail(err.code, err.message);
  console.error(`workstation: ${method} failed`, err);
  return fail('internal', `Something went wrong in ${method}; the details are in the workstation log.`);
}
