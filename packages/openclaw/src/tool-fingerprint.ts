/**
 * A tool call's fingerprint for counting repeats: its tool name and a hash of
 * its `args`, whatever its `toolCallId` (every call has a new one). Keys are
 * sorted first, so `{a, b}` and `{b, a}` are the same input. 64 bits (two
 * 32-bit FNV-1a lanes) in 16 hex digits: short on the wire, and two different
 * inputs of one tool meeting by chance is not a worry at that size. The
 * input itself is never kept nor sent.
 */
export function fingerprintToolCall(toolName: string, args: unknown): string {
  const text = `${toolName}\u0000${stableJson(args)}`;
  let low = 0x811c9dc5;
  let high = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 16), 0x01000193);
  }
  return hex(low) + hex(high);
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** JSON with object keys in order; what JSON cannot say (undefined, functions) reads as null. */
function stableJson(value: unknown): string {
  return (
    JSON.stringify(value ?? null, (_key, inner: unknown) => {
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(inner).sort()) {
        sorted[key] = (inner as Record<string, unknown>)[key];
      }
      return sorted;
    }) ?? 'null'
  );
}
