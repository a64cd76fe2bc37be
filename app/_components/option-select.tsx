'use client';

/**
 * A select whose options travel as one compact string ("id\tname" lines) instead of one element
 * each: a list of a thousand units would otherwise be a thousand separate rows of the page's
 * payload, each streamed on its own. Rendered on the server too, so it works without JavaScript.
 */
export function OptionSelect({ id, name, value, allLabel, options, className }: { id: string; name: string; value: number | null; allLabel: string; options: string; className: string }) {
  const items = options ? options.split('\n') : [];
  return (
    <select id={id} name={name} defaultValue={value ?? ''} className={className}>
      <option value="">{allLabel}</option>
      {items.map((line) => {
        const tab = line.indexOf('\t');
        const key = line.slice(0, tab);
        return (
          <option key={key} value={key}>
            {line.slice(tab + 1)}
          </option>
        );
      })}
    </select>
  );
}

