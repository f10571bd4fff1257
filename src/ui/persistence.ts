// The editor's text survives a reload. Storage can be full or disabled: keep what fits and say what
// did not, never lose what is on screen.
const KEY = 'podwalk:manifest:v1';

export function loadSavedText(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Saves the text; returns a note for the user when it could not be saved. */
export function saveText(text: string): string | null {
  try {
    localStorage.setItem(KEY, text);
    return null;
  } catch {
    const kb = Math.round(new Blob([text]).size / 1024);
    return `This manifest (${kb} KB) is too large for this browser's storage, so it will not survive a reload. The previous saved version is kept.`;
  }
}
