import styles from '../../packages/ui/src/styles.css?raw';

interface Token {
  name: string;
  light?: string;
  dark?: string;
  shared?: string;
}

/** `selector { declarations }` blocks with no block inside them, from the stylesheet as shipped. */
function* innermostBlocks(css: string): Generator<{ selector: string; body: string }> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    yield { selector: (match[1] ?? '').trim(), body: match[2] ?? '' };
  }
}

/** The `--shb-*` tokens of `styles.css`: light, dark (the explicit `data-theme` rule) and shared. */
export function readTokens(css: string): Token[] {
  const tokens = new Map<string, Token>();
  for (const { selector, body } of innermostBlocks(css)) {
    const column = selector.includes("[data-theme='light']")
      ? 'light'
      : selector === "[data-theme='dark']"
        ? 'dark'
        : selector === ':root'
          ? 'shared'
          : undefined;
    if (column === undefined) continue;
    for (const declaration of body.matchAll(/(--shb-[\w-]+)\s*:\s*([^;]+);/g)) {
      const name = declaration[1] ?? '';
      const token = tokens.get(name) ?? { name };
      token[column] = (declaration[2] ?? '').replace(/\s+/g, ' ').trim();
      tokens.set(name, token);
    }
  }
  return [...tokens.values()];
}

function Value({ value }: { value: string | undefined }) {
  if (value === undefined) return <span aria-label="not set">—</span>;
  const isColour = /^#|^rgb/.test(value);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {isColour && (
        <span
          aria-hidden="true"
          style={{
            width: 14,
            height: 14,
            borderRadius: 3,
            background: value,
            boxShadow: 'inset 0 0 0 1px rgb(0 0 0 / 0.2)',
          }}
        />
      )}
      <code>{value}</code>
    </span>
  );
}

/** Every theming token, read from the stylesheet itself so that this page never drifts from it. */
export function TokenTable() {
  const tokens = readTokens(styles);
  return (
    <table>
      <caption>
        {tokens.length} custom properties in <code>@session-heartbeat/ui/styles.css</code>
      </caption>
      <thead>
        <tr>
          <th scope="col">token</th>
          <th scope="col">light</th>
          <th scope="col">dark</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.name}>
            <th scope="row">
              <code>{token.name}</code>
            </th>
            {token.shared === undefined ? (
              <>
                <td>
                  <Value value={token.light} />
                </td>
                <td>
                  <Value value={token.dark} />
                </td>
              </>
            ) : (
              <td colSpan={2}>
                <Value value={token.shared} /> (both themes)
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
