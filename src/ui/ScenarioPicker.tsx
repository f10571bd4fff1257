// Built-in scenarios, one click each.
import { PRESET_GROUPS } from '../scenario/presetTexts';

export function ScenarioPicker({ onPick }: { onPick: (id: string) => void }) {
  return (
    <label className="pw-picker">
      <span>Scenario</span>
      <select
        aria-label="Scenario"
        defaultValue=""
        onChange={(e) => {
          if (e.target.value) onPick(e.target.value);
          e.target.value = '';
        }}
      >
        <option value="" disabled>
          Load a scenario…
        </option>
        {PRESET_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.presets.map((p) => (
              <option key={p.id} value={p.id} title={p.description}>
                {p.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
