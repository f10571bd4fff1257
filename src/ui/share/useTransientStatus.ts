// A short status line ("Link copied") that clears itself after a few seconds.
import { useCallback, useEffect, useRef, useState } from 'react';

const STATUS_MS = 5000;

export function useTransientStatus(): [string, (s: string) => void] {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const show = useCallback((s: string) => {
    setStatus(s);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(''), STATUS_MS);
  }, []);
  return [status, show];
}
