// Built-in scenarios, one click each.
import { PRESETS } from '../scenario/presetTexts';

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
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}
