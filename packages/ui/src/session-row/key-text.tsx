import { HighlightMatch } from './highlight-match';
import { splitSessionKey } from './split-session-key';

/**
 * A session key that, when it does not fit, is cut in the middle: the head
 * ends in an ellipsis (CSS), the unique tail stays. A search match is marked
 * in each part; the full key is the row's `title`.
 */
export function KeyText({ sessionKey, highlight }: { sessionKey: string; highlight?: string }) {
  const { head, tail } = splitSessionKey(sessionKey);
  return (
    <span className="shb-row__key">
      {head !== '' && (
        <span className="shb-row__key-head">
          <HighlightMatch text={head} needle={highlight} />
        </span>
      )}
      <span className="shb-row__key-tail">
        <HighlightMatch text={tail} needle={highlight} />
      </span>
    </span>
  );
}
