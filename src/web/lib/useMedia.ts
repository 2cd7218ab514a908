import { useEffect, useState } from 'react';

/** Whether a CSS media query matches, following changes (resizes, rotation, system settings). */
export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setMatches(mq.matches);
    mq.addEventListener('change', on);
    on();
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return matches;
}

/** True on phone-sized screens (≤ 768 px). */
export const useNarrow = (): boolean => useMedia('(max-width: 768px)');

/** True when the user asked the system for less motion: the console then opens dialogs and menus without animation. */
export const useReducedMotion = (): boolean => useMedia('(prefers-reduced-motion: reduce)');
