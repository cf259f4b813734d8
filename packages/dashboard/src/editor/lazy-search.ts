import type { Command, EditorView, KeyBinding } from '@codemirror/view';

type Search = typeof import('./search.ts');
type SearchCommand =
  | 'openSearchPanel'
  | 'findNext'
  | 'findPrevious'
  | 'closeSearchPanel'
  | 'selectSelectionMatches'
  | 'gotoLine'
  | 'selectNextOccurrence';

let search: Search | undefined;
let loading: Promise<Search> | undefined;

/**
 * A command of @codemirror/search: run at once once the module is here, else run when it has been
 * fetched (the key is taken either way). A fetch that failed (the server gone) is tried again by the
 * next press.
 */
function command(name: SearchCommand): Command {
  return (view: EditorView) => {
    if (search) return search[name](view);
    loading ??= import('./search.ts').then(
      (module) => (search = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    loading.then(
      (module) => view.dom.isConnected && module[name](view),
      () => undefined,
    );
    return true;
  };
}

/**
 * @codemirror/search's own keymap (Ctrl+F and the rest, same keys, same commands), with the module
 * (its panel, about 7 KB gzip) fetched on the first press instead of with the editor: most visits
 * never search. Escape closes the panel once there is one, and is left alone before.
 */
export const lazySearchKeymap: readonly KeyBinding[] = [
  { key: 'Mod-f', run: command('openSearchPanel'), scope: 'editor search-panel' },
  {
    key: 'F3',
    run: command('findNext'),
    shift: command('findPrevious'),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  {
    key: 'Mod-g',
    run: command('findNext'),
    shift: command('findPrevious'),
    scope: 'editor search-panel',
    preventDefault: true,
  },
  { key: 'Escape', run: (view) => search?.closeSearchPanel(view) ?? false, scope: 'editor search-panel' },
  { key: 'Mod-Shift-l', run: command('selectSelectionMatches') },
  { key: 'Mod-Alt-g', run: command('gotoLine') },
  { key: 'Mod-d', run: command('selectNextOccurrence'), preventDefault: true },
];
