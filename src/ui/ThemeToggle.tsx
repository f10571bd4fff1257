// Cycles the theme: the system's, light, dark.
import { useState } from 'react';
import { applyTheme, loadTheme, NEXT_THEME, type Theme } from './theme';

const NAME: Record<Theme, string> = { system: 'system', light: 'light', dark: 'dark' };

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(loadTheme);
  const next = NEXT_THEME[theme];
  return (
    <button
      type="button"
      className="pw-action"
      aria-label={`Theme: ${NAME[theme]} (switch to ${NAME[next]})`}
      title={`Theme: ${NAME[theme]}; click for ${NAME[next]}`}
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
    >
      ◐ {NAME[theme]}
    </button>
  );
}
