// CodeMirror 6 with YAML highlighting. Loaded lazily (it and its language cost more than the rest of
// the page together), so the diagram paints first.
import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';

export interface CodeEditorProps {
  value: string;
  label: string;
  onChange: (text: string) => void;
  errorLine: number | null;
}

export default function CodeEditor({ value, label, onChange, errorLine }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      doc: value,
      extensions: [
        basicSetup,
        yaml(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
        }),
      ],
    });
    view.current = v;
    return () => v.destroy();
    // The editor owns its document after creation; outside changes come through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v || errorLine === null || errorLine < 1 || errorLine > v.state.doc.lines) return;
    v.dom.dataset.errorLine = String(errorLine);
  }, [errorLine]);

  return <div className="pw-cm" ref={host} />;
}
