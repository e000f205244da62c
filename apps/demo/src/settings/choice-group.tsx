export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export interface ChoiceGroupProps<T extends string> {
  /** The group's name, shown as its legend. */
  legend: string;
  /** The radios' `name`. */
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  /** Side by side instead of stacked. @default false */
  inline?: boolean;
}

/** Radios in a fieldset: arrow keys move between them, the legend names the group. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  inline = false,
}: ChoiceGroupProps<T>) {
  return (
    <fieldset className={inline ? 'demo-choices demo-choices--inline' : 'demo-choices'}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="demo-choice">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          {choice.hint === undefined ? (
            <span className="demo-choice__label">{choice.label}</span>
          ) : (
            <span className="demo-choice__text">
              <span className="demo-choice__label">{choice.label}</span>
              <span className="demo-choice__hint">{choice.hint}</span>
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
