type Pack = { id: string; name: string; description: string };

const fallbackPacks: Pack[] = ['bank', 'clinic', 'retail', 'software', 'insurance'].map((id) => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  description: '',
}));
const accents: Record<string, string> = {
  bank: '#1d4ed8',
  clinic: '#0f766e',
  retail: '#c2410c',
  software: '#4f46e5',
  insurance: '#7c3aed',
};
const svg = (body: string) =>
  `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
/** Inline icons per demo pack (fixed markup, never from data). */
const icons: Record<string, string> = {
  bank: svg('<path d="M3 10 12 4l9 6M5 10v8M9.5 10v8M14.5 10v8M19 10v8M3 20h18"/>'),
  clinic: svg(
    '<path d="M12 21s-7-4.4-9.3-9A5 5 0 0 1 12 6.6 5 5 0 0 1 21.3 12C19 16.6 12 21 12 21Z"/><path d="M12 10v5M9.5 12.5h5"/>',
  ),
  retail: svg('<path d="M5 8h14l-1 12H6L5 8Z"/><path d="M9 8V6a3 3 0 0 1 6 0v2"/>'),
  software: svg('<rect x="3" y="4" width="18" height="14" rx="2"/><path d="m8 9 2.5 2.5L8 14M13 14h3"/>'),
  insurance: svg(
    '<path d="M12 3 4 6v6c0 4.5 3.4 7.8 8 9 4.6-1.2 8-4.5 8-9V6l-8-3Z"/><path d="m9 12 2 2 4-4"/>',
  ),
};
const defaultIcon = svg('<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"/>');
const storageKey = 'baton-demo:pack';

/** Loads the packs, renders the chooser and (re)mounts the widget for the chosen one. */
async function start(): Promise<void> {
  const packs = await loadPacks();
  const fromUrl = new URLSearchParams(window.location.search).get('pack');
  const saved = readSaved();
  const initial = packs.find((p) => p.id === fromUrl) ?? packs.find((p) => p.id === saved) ?? packs[0];
  renderChooser(packs, initial?.id ?? null);
  await loadWidgetScript();
  if (initial) choose(initial);
}

async function loadPacks(): Promise<Pack[]> {
  const note = document.getElementById('packs-note')!;
  try {
    const res = await fetch('/api/v1/packs', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { packs: Pack[] };
    if (body.packs.length > 0) return body.packs;
    note.textContent = 'No packs are loaded on this server; showing the usual demo companies.';
  } catch {
    note.textContent = 'Could not load the packs from the server; showing the usual demo companies.';
  }
  return fallbackPacks;
}

function renderChooser(packs: Pack[], selected: string | null): void {
  const grid = document.getElementById('pack-grid')!;
  for (const pack of packs) {
    const label = document.createElement('label');
    label.className = 'pack';
    label.style.setProperty('--pack-accent', accents[pack.id] ?? '#4f46e5');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'pack';
    input.value = pack.id;
    input.checked = pack.id === selected;
    input.addEventListener('change', () => choose(pack));
    const icon = document.createElement('span');
    icon.className = 'pack-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.innerHTML = icons[pack.id] ?? defaultIcon;
    const name = document.createElement('span');
    name.className = 'pack-name';
    name.textContent = pack.name;
    const desc = document.createElement('span');
    desc.className = 'pack-desc';
    desc.textContent = pack.description || `The ${pack.name} demo pack.`;
    label.append(input, icon, name, desc);
    grid.append(label);
  }
}

function loadWidgetScript(): Promise<void> {
  return new Promise((resolve) => {
    if (customElements.get('baton-widget')) return resolve();
    const script = document.createElement('script');
    script.src = '/widget.js';
    script.dataset.mount = 'manual';
    script.onload = () => resolve();
    script.onerror = () => {
      document.getElementById('packs-note')!.textContent = 'widget.js could not be loaded from this server.';
      resolve();
    };
    document.head.append(script);
  });
}

function choose(pack: Pack): void {
  try {
    localStorage.setItem(storageKey, pack.id);
  } catch {
    // Storage blocked: the choice just is not remembered.
  }
  const url = new URL(window.location.href);
  url.searchParams.set('pack', pack.id);
  history.replaceState(null, '', url);
  for (const old of document.querySelectorAll('baton-widget')) old.remove();
  if (customElements.get('baton-widget')) {
    const widget = document.createElement('baton-widget');
    widget.setAttribute('pack', pack.id);
    widget.setAttribute('heading', pack.name);
    widget.setAttribute('accent', accents[pack.id] ?? '#4f46e5');
    document.body.append(widget);
  }
  renderSnippet(pack.id);
}

function renderSnippet(pack: string): void {
  const code = `<script src="${window.location.origin}/widget.js" data-pack="${pack}"></script>`;
  document.getElementById('snippet')!.textContent = code;
  const copy = document.getElementById('copy') as HTMLButtonElement;
  copy.onclick = async () => {
    try {
      await navigator.clipboard.writeText(code);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select and copy';
    }
    setTimeout(() => {
      copy.textContent = 'Copy';
    }, 1600);
  };
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

void start();
