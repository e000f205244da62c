import { useEffect, useRef } from 'react';
import { TextField } from './text-field';
import { newRuleId, type RuleDraft, type SettingsErrors } from './validate-settings';

export interface RuleTableProps {
  table: 'byTool' | 'byModel';
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  errors: SettingsErrors;
}

const WORDS = {
  byTool: { noun: 'Tool', placeholder: 'exec or browser_*', empty: 'No per-tool limits.' },
  byModel: { noun: 'Model', placeholder: 'ollama/*', empty: 'No per-model limits.' },
} as const;

/**
 * Per-tool or per-model limits as editable rows. Each row is a named group;
 * its inputs keep visually hidden labels, with visible column heads above.
 */
export function RuleTable({ table, rules, onChange, errors }: RuleTableProps) {
  const words = WORDS[table];
  // Where focus goes after the rows changed: the new row, or "Add" after a removal.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const update = (id: string, patch: Partial<RuleDraft>) =>
    onChange(rules.map((rule) => (rule.id === id ? { ...rule, ...patch } : rule)));
  return (
    <div className="demo-rules">
      {rules.length === 0 ? (
        <p className="demo-rules__empty">{words.empty}</p>
      ) : (
        <div className="demo-rules__head" aria-hidden="true">
          <span>{words.noun}</span>
          <span>Stalled after</span>
          <span>Unresponsive after</span>
          <span />
        </div>
      )}
      {rules.map((rule, index) => {
        const id = (field: string) => `${table}.${rule.id}.${field}`;
        const name = rule.pattern.trim() === '' ? `rule ${index + 1}` : rule.pattern.trim();
        return (
          <div
            key={rule.id}
            className="demo-rules__row"
            role="group"
            aria-label={`${words.noun} rule ${index + 1}`}
          >
            <TextField
              id={id('pattern')}
              label={`${words.noun} name`}
              labelHidden
              value={rule.pattern}
              onValueChange={(pattern) => update(rule.id, { pattern })}
              error={errors[id('pattern')]}
              placeholder={words.placeholder}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              id={id('stallAfter')}
              label="Stalled after, in seconds"
              labelHidden
              unit="s"
              inputMode="numeric"
              value={rule.stallAfter}
              onValueChange={(stallAfter) => update(rule.id, { stallAfter })}
              error={errors[id('stallAfter')]}
              placeholder="—"
            />
            <TextField
              id={id('unresponsiveAfter')}
              label="Unresponsive after, in seconds"
              labelHidden
              unit="s"
              inputMode="numeric"
              value={rule.unresponsiveAfter}
              onValueChange={(unresponsiveAfter) => update(rule.id, { unresponsiveAfter })}
              error={errors[id('unresponsiveAfter')]}
              placeholder="—"
            />
            <button
              type="button"
              className="demo-icon-button"
              aria-label={`Remove ${name}`}
              title="Remove"
              onClick={() => {
                focusNext.current = `${table}-add`;
                onChange(rules.filter((other) => other.id !== rule.id));
              }}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </button>
          </div>
        );
      })}
      <button
        id={`${table}-add`}
        type="button"
        className="shb-button demo-rules__add"
        onClick={() => {
          const added = newRuleId();
          focusNext.current = `${table}.${added}.pattern`;
          onChange([...rules, { id: added, pattern: '', stallAfter: '', unresponsiveAfter: '' }]);
        }}
      >
        Add {words.noun.toLowerCase()} rule
      </button>
    </div>
  );
}
