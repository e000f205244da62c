import type { InputHTMLAttributes, ReactNode } from 'react';

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'children'
> {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  /** Shown under the field and read with it (`aria-describedby`). */
  hint?: ReactNode;
  error?: string | undefined;
  /** A unit after the input, e.g. "s". */
  unit?: string;
  /** Hide the label visually (it stays the accessible name), for table-like rows. */
  labelHidden?: boolean;
}

/** A labelled input with its hint and error wired up for assistive technology. */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  hint,
  error,
  unit,
  labelHidden = false,
  className,
  ...inputProps
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint === undefined ? undefined : hintId, error === undefined ? undefined : errorId]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={className === undefined ? 'demo-field' : `demo-field ${className}`}>
      <label htmlFor={id} className={labelHidden ? 'shb-visually-hidden' : 'demo-field__label'}>
        {label}
      </label>
      <div className="demo-field__control">
        <input
          {...inputProps}
          id={id}
          name={id}
          className="demo-input"
          value={value}
          aria-invalid={error === undefined ? undefined : true}
          aria-describedby={describedBy}
          onChange={(event) => onValueChange(event.target.value)}
        />
        {unit !== undefined && (
          <span className="demo-field__unit" aria-hidden="true">
            {unit}
          </span>
        )}
      </div>
      {hint !== undefined && (
        <p id={hintId} className="demo-field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="demo-field__error">
          {error}
        </p>
      )}
    </div>
  );
}
