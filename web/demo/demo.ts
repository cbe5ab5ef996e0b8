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
const icons: Record<string, string> = {
  bank: '🏦',
  clinic: '🩺',
  retail: '🛍️',
  software: '💻',
  insurance: '🛡️',
};
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
    icon.textContent = icons[pack.id] ?? '💬';
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
    widget.setAttribute('heading', `${pack.name} support`);
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
