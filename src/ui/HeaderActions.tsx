// The header's actions for trainers: Copy link (share the exact state), Embed (an <iframe> snippet)
// and Export (SVG, PNG, Mermaid, JSON).
import { useState } from 'react';
import { CopyLinkButton } from './share/CopyLinkButton';
import { EmbedDialog } from './embed/EmbedDialog';
import { ExportMenu } from './export/ExportMenu';
import { ThemeToggle } from './ThemeToggle';

export function HeaderActions() {
  const [embedOpen, setEmbedOpen] = useState(false);
  return (
    <div className="pw-actions" role="group" aria-label="Share and export">
      <CopyLinkButton />
      <button type="button" className="pw-action" aria-haspopup="dialog" onClick={() => setEmbedOpen(true)}>
        Embed
      </button>
      {embedOpen ? <EmbedDialog onClose={() => setEmbedOpen(false)} /> : null}
      <ExportMenu />
      <ThemeToggle />
    </div>
  );
}
