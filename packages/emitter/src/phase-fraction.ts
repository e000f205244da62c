/**
 * A stable fraction in [0, 1) for a key (32-bit FNV-1a), used to place a new
 * session's first periodic beat within the interval. Hashing rather than
 * randomness keeps runs reproducible, and keys that differ in one digit
 * (`…:000123`, `…:000124`) still land far apart.
 */
export function phaseFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche so that short keys also spread over the whole range.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000;
}
