// The keys etcd holds at the playhead, with the revision that created each and the one that last
// modified it (what `etcdctl get --prefix /registry -w json` reports as create_revision/mod_revision).
import type { Trace } from '../sim/trace/types';

export interface EtcdRow {
  key: string;
  createRevision: number;
  modRevision: number;
  /** Changed by the message at the playhead. */
  touched: boolean;
}

export function etcdRowsAt(trace: Trace, delivered: number): { rows: EtcdRow[]; revision: number } {
  const rows = new Map<string, EtcdRow>();
  let revision = 0;
  for (const o of trace.objects) {
    if (o.seq > delivered) break;
    revision = Math.max(revision, o.revision);
    if (o.object === null) {
      rows.delete(o.key);
      continue;
    }
    const prev = rows.get(o.key);
    rows.set(o.key, {
      key: o.key,
      createRevision: prev?.createRevision ?? o.revision,
      modRevision: o.revision,
      touched: false,
    });
  }
  for (const o of trace.objects) if (o.seq === delivered && rows.has(o.key)) rows.get(o.key)!.touched = true;
  return { rows: [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), revision };
}
