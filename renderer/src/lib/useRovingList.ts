// Next/previous item in a list from the keyboard: J/K and Alt+↓/↑ anywhere on the screen (through
// the shortcuts' 'list' layer, so an open dialog or composer takes them first), the arrow keys, Home and End when the list has focus.
import { useCallback, useState } from 'react';
import { useShortcut } from './shortcuts';

export function useRovingList(count: number, opts: { onMove?: (index: number) => void } = {}) {
  const [active, setActive] = useState(0);
  const clamped = count === 0 ? -1 : Math.min(active, count - 1);
  const { onMove } = opts;
  const move = useCallback(
    (index: number) => {
      if (count === 0) return;
      const i = Math.max(0, Math.min(count - 1, index));
      setActive(i);
      onMove?.(i);
    },
    [count, onMove],
  );
  const enabled = count > 0;
  useShortcut('next', () => move(clamped + 1), { layer: 'list', enabled });
  useShortcut('prev', () => move(clamped - 1), { layer: 'list', enabled });

  /** Arrow keys, Home/End, PageUp/PageDown on the focused list. */
  const onKeyDown = (e: React.KeyboardEvent, pageSize = 10) => {
    const to: Record<string, number> = {
      ArrowDown: clamped + 1,
      ArrowUp: clamped - 1,
      Home: 0,
      End: count - 1,
      PageDown: clamped + pageSize,
      PageUp: clamped - pageSize,
    };
    if (e.altKey || e.ctrlKey || e.metaKey || !(e.key in to)) return false;
    e.preventDefault();
    move(to[e.key]!);
    return true;
  };
  return { active: clamped, setActive: move, onKeyDown };
}
