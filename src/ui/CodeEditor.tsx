// CodeMirror 6 with YAML highlighting. Loaded lazily (it and its language cost more than the rest of
// the page together), so the diagram paints first.
import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

// Token colours from the page's CSS variables, so light and dark themes both keep AA contrast
// (CodeMirror's default style is made for light backgrounds only).
const podwalkHighlight = HighlightStyle.define([
  { tag: tags.comment, color: 'var(--pw-tok-comment)', fontStyle: 'italic' },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--pw-tok-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--pw-tok-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.keyword], color: 'var(--pw-tok-number)' },
  {
    tag: [tags.meta, tags.punctuation, tags.separator, tags.typeName, tags.labelName],
    color: 'var(--pw-tok-meta)',
  },
]);

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
        syntaxHighlighting(podwalkHighlight),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
        }),
      ],
    });
    // A keyboard user must be able to reach and scroll a long manifest (axe: scrollable-region-focusable);
    // CodeMirror leaves its scroller out of the tab order.
    v.scrollDOM.tabIndex = 0;
    v.scrollDOM.setAttribute('aria-label', `${label}, scroll area`);
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
