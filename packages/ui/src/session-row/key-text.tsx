import type { ReactNode } from 'react';
import { highlightMatch } from './highlight-match';
import { splitSessionKey } from './split-session-key';

/**
 * A session key that, when it does not fit, is cut in the middle: the head
 * ends in an ellipsis (CSS), the unique tail stays. A search match is marked
 * in each part; the full key is the row's `title`. A function, as
 * `highlightMatch` is.
 */
export function keyText(sessionKey: string, highlight: string | undefined): ReactNode {
  const { head, tail } = splitSessionKey(sessionKey);
  return (
    <span className="shb-row__key">
      {head !== '' && <span className="shb-row__key-head">{highlightMatch(head, highlight)}</span>}
      <span className="shb-row__key-tail">{highlightMatch(tail, highlight)}</span>
    </span>
  );
}
