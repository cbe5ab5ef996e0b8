import { describe, expect, it } from 'vitest';
import { type KeyPress, matchShortcut, neighbour } from './match-shortcut.ts';

const press = (p: Partial<KeyPress>): KeyPress => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  editing: false,
  ...p,
});

describe('matchShortcut', () => {
  it.each([
    ['Alt+A', press({ key: 'å', code: 'KeyA', altKey: true }), 'accept'],
    ['Alt+R while typing', press({ key: 'r', code: 'KeyR', altKey: true, editing: true }), 'reply'],
    ['Alt+T', press({ key: 't', code: 'KeyT', altKey: true }), 'transfer'],
    ['Alt+E', press({ key: 'e', code: 'KeyE', altKey: true }), 'resolve'],
    ['Alt+N', press({ key: 'n', code: 'KeyN', altKey: true }), 'next'],
    ['Alt+P', press({ key: 'p', code: 'KeyP', altKey: true }), 'previous'],
    ['?', press({ key: '?', code: 'Slash' }), 'help'],
    ['? while typing', press({ key: '?', code: 'Slash', editing: true }), null],
    ['Ctrl+Alt+A', press({ key: 'a', code: 'KeyA', altKey: true, ctrlKey: true }), null],
    ['a plain letter', press({ key: 'a', code: 'KeyA' }), null],
    ['Alt+Z', press({ key: 'z', code: 'KeyZ', altKey: true }), null],
  ])('%s', (_name, p, action) => {
    expect(matchShortcut(p)).toBe(action);
  });
});

describe('neighbour', () => {
  it('steps through the inbox order, wrapping around', () => {
    expect(neighbour(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(neighbour(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'gone', -1)).toBe('c');
    expect(neighbour([], 'a', 1)).toBe(null);
  });
});
