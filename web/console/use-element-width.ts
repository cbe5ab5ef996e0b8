import { useCallback, useRef, useState } from 'react';

/**
 * A ref callback to put on an element, and the element's content width in pixels, kept up to date as it
 * resizes (`fallback` until it is measured). Works for elements that mount later (after an empty state).
 */
export function useElementWidth<T extends HTMLElement>(fallback = 600): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const measure = () => setWidth(Math.max(0, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
  }, []);
  return [ref, width];
}
