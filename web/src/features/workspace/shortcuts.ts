import { useEffect, useRef } from 'react';

/*
 * Single-key shortcuts for the workspace (j/k, x, r, n, /, ?, and sequences such as "g l").
 * One keydown listener serves every screen; screens register bindings while mounted, and later
 * registrations win. Plain keys never fire while someone types in a field, uses a menu or a dialog.
 */

/** Return false to leave the key to the browser (e.g. Enter on a focused button). */
export type ShortcutHandler = (event: KeyboardEvent) => unknown;
export type ShortcutMap = Record<string, ShortcutHandler>;

const layers: { current: ShortcutMap }[] = [];
let pendingPrefix: string | null = null;
let pendingTimer: number | undefined;
let installed = false;

/** True when the key belongs to what the person is typing or operating (a field, menu, dialog). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return target.closest('[role="menu"], [role="listbox"], [role="dialog"], [aria-modal="true"]') !== null;
}

function keyName(event: KeyboardEvent): string {
  const key = event.key.toLowerCase();
  // Shift is part of the character for "?" and friends; only letters record it.
  if ((event.ctrlKey || event.metaKey) && !event.altKey) return `mod+${key}`;
  return key === '?' || !event.shiftKey || key.length > 1 ? key : `shift+${key}`;
}

function find(name: string): ShortcutHandler | undefined {
  for (let index = layers.length - 1; index >= 0; index--) {
    const handler = layers[index]?.current[name];
    if (handler) return handler;
  }
  return undefined;
}

function hasPrefix(prefix: string): boolean {
  return layers.some((layer) => Object.keys(layer.current).some((keys) => keys.startsWith(`${prefix} `)));
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const name = keyName(event);
  const modified = name.startsWith('mod+') || event.altKey;
  if (!modified && isTypingTarget(event.target)) return;
  if (!modified && document.querySelector('[aria-modal="true"]')) return;

  if (pendingPrefix) {
    const handler = find(`${pendingPrefix} ${name}`);
    pendingPrefix = null;
    window.clearTimeout(pendingTimer);
    if (handler) {
      if (handler(event) !== false) event.preventDefault();
      return;
    }
  }
  if (!modified && hasPrefix(name)) {
    pendingPrefix = name;
    window.clearTimeout(pendingTimer);
    pendingTimer = window.setTimeout(() => {
      pendingPrefix = null;
    }, 1500);
    return;
  }
  const handler = find(name);
  if (handler && handler(event) !== false) event.preventDefault();
}

/**
 * Registers shortcuts while the component is mounted. Keys, lower case: "j", "shift+x", "?",
 * "enter", "escape", "mod+enter" (Ctrl or ⌘), or a sequence "g l". The latest handlers are used without re-registering.
 */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const ref = useRef(map);
  useEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    if (!installed) {
      window.addEventListener('keydown', onKeyDown);
      installed = true;
    }
    layers.push(ref);
    return () => {
      const index = layers.indexOf(ref);
      if (index >= 0) layers.splice(index, 1);
    };
  }, [enabled]);
}

/** The shortcut list the help dialog shows. */
export const shortcutGroups: { title: string; items: { keys: string[]; label: string; joiner?: 'then' | 'or' }[] }[] = [
  {
    title: 'Ticket list',
    items: [
      { keys: ['j'], label: 'Next ticket' },
      { keys: ['k'], label: 'Previous ticket' },
      { keys: ['Enter', 'o'], label: 'Open ticket', joiner: 'or' },
      { keys: ['x'], label: 'Select or unselect ticket' },
      { keys: ['/'], label: 'Search' },
    ],
  },
  {
    title: 'Ticket',
    items: [
      { keys: ['r'], label: 'Reply' },
      { keys: ['n'], label: 'Internal note' },
      { keys: ['Ctrl', 'Enter'], label: 'Send (⌘ Enter on Mac)' },
      { keys: ['g', 'l'], label: 'Back to the list', joiner: 'then' },
    ],
  },
  {
    title: 'Anywhere',
    items: [
      { keys: ['c'], label: 'New ticket' },
      { keys: ['?'], label: 'Show these shortcuts' },
    ],
  },
];
