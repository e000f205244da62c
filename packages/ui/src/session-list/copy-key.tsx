import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';

interface CopyKey {
  /** The key copied last, while its "Copied" shows. */
  copiedKey: string | undefined;
  copy(sessionKey: string): void;
}

const CopyKeyContext = createContext<CopyKey | undefined>(undefined);

/** How long "Copied" stays, in ms. */
const SHOWN_FOR_MS = 2000;

/**
 * The list's copy-key flow: copies through `navigator.clipboard`, and says
 * the outcome once in a polite status region (not once per row), which
 * `CopyKeyStatus` renders.
 */
export function useCopyKey(): { value: CopyKey; message: string } {
  const [copied, setCopied] = useState<{ key: string; message: string } | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const value = useMemo<CopyKey>(
    () => ({
      copiedKey: copied?.message.startsWith('Copied') === true ? copied.key : undefined,
      copy(sessionKey) {
        const settle = (message: string) => {
          setCopied({ key: sessionKey, message });
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(undefined), SHOWN_FOR_MS);
        };
        const clipboard = globalThis.navigator?.clipboard;
        if (clipboard === undefined) {
          settle('Could not copy: this page has no clipboard access');
          return;
        }
        clipboard.writeText(sessionKey).then(
          () => settle(`Copied ${sessionKey}`),
          () => settle('Could not copy: the browser refused the clipboard'),
        );
      },
    }),
    [copied],
  );
  return { value, message: copied?.message ?? '' };
}

export const CopyKeyProvider = CopyKeyContext.Provider;

/**
 * A row's copy button for its key: "Copy key" with the key in its name, and
 * "Copied" for a moment after (the list's status region says it too).
 */
export function CopyKeyButton({ sessionKey, tabIndex }: { sessionKey: string; tabIndex: number }) {
  const copyKey = useContext(CopyKeyContext);
  if (copyKey === undefined) return null;
  const copied = copyKey.copiedKey === sessionKey;
  return (
    <button
      type="button"
      className="shb-row__copy"
      tabIndex={tabIndex}
      aria-label={`Copy key ${sessionKey}`}
      title={copied ? 'Copied' : 'Copy key'}
      data-copied={copied || undefined}
      onClick={() => copyKey.copy(sessionKey)}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {copied ? (
          <path d="M3.5 8.5l3 3 6-7" />
        ) : (
          <>
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
          </>
        )}
      </svg>
    </button>
  );
}
