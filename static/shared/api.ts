// The only way the Custom UI apps talk to the backend: `invoke` of @forge/bridge, typed by the
// resolver contract. The contract is imported as types only, so no backend code reaches the bundle.
import { invoke } from '@forge/bridge';
import type { Envelope, ErrorCode, ResolverMap, ResolverName } from '../../src/shared/contract';

export type Req<N extends ResolverName> = ResolverMap[N]['req'];
export type Res<N extends ResolverName> = ResolverMap[N]['res'];

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_REQUEST', 'INVALID_CONFIG', 'FORBIDDEN', 'NOT_FOUND', 'UNLICENSED', 'NOT_CONFIGURED', 'CONFLICT', 'UPSTREAM', 'INTERNAL',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIssues(value: unknown): Array<{ path: string; message: string }> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string' ? [{ path: item.path, message: item.message }] : [],
  );
}

/**
 * Narrows what came over the bridge to the envelope. The data's own shape is the contract's
 * promise (both sides compile against one file); a malformed envelope becomes an INTERNAL error
 * instead of a crash, so a panel is never blank.
 */
export function toEnvelope<T>(name: string, raw: unknown): Envelope<T> {
  if (isRecord(raw) && raw.ok === true && 'data' in raw) return { ok: true, data: raw.data as T };
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error)) {
    const { code, message } = raw.error;
    const issues = parseIssues(raw.error.issues);
    return {
      ok: false,
      error: {
        code: typeof code === 'string' && ERROR_CODES.has(code) ? (code as ErrorCode) : 'INTERNAL',
        message: typeof message === 'string' ? message : `${name} failed`,
        ...(issues ? { issues } : {}),
        ...(isRecord(raw.error.conflict) && typeof raw.error.conflict.version === 'number' && typeof raw.error.conflict.savedBy === 'string' && typeof raw.error.conflict.savedAt === 'string'
          ? {
              conflict: {
                version: raw.error.conflict.version,
                savedBy: raw.error.conflict.savedBy,
                savedAt: raw.error.conflict.savedAt,
                ...(typeof raw.error.conflict.savedByName === 'string' ? { savedByName: raw.error.conflict.savedByName } : {}),
              },
            }
          : {}),
      },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: `${name}: the resolver answered something that is not an envelope` } };
}

/** Calls a resolver; never throws (bridge failures come back as an INTERNAL envelope). */
export async function call<N extends ResolverName>(name: N, payload: Req<N>): Promise<Envelope<Res<N>>> {
  try {
    const raw: unknown = await invoke(name, payload as Record<string, unknown>);
    return toEnvelope<Res<N>>(name, raw);
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
}
