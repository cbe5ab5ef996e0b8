/** The widget's whole stylesheet, scoped by its shadow root so the host page cannot leak in or out. */
export const widgetStyles = `
:host {
  all: initial;
  --accent: #4f46e5;
  --accent-ink: #ffffff;
  --ink: #0f172a;
  --muted: #64748b;
  --line: #e2e8f0;
  --surface: #ffffff;
  --soft: #f1f5f9;
  --agent: #0f766e;
  --agent-soft: #ecfdf5;
  --danger: #b91c1c;
  --danger-soft: #fef2f2;
  --radius: 18px;
  position: fixed;
  right: 24px;
  bottom: 24px;
  z-index: 2147483000;
  font: 15px/1.45 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  -webkit-font-smoothing: antialiased;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible, a:focus-visible, .log:focus-visible {
  outline: 3px solid color-mix(in srgb, var(--accent) 45%, transparent);
  outline-offset: 2px;
}
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

.launcher {
  position: relative;
  width: 60px; height: 60px; border: 0; border-radius: 50%;
  display: grid; place-items: center;
  background: var(--accent); color: var(--accent-ink);
  box-shadow: 0 10px 30px -8px color-mix(in srgb, var(--accent) 70%, transparent), 0 2px 6px rgba(15, 23, 42, .18);
  transition: transform .18s ease, box-shadow .18s ease;
}
.launcher:hover { transform: translateY(-2px) scale(1.03); }
.launcher svg { width: 28px; height: 28px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #ef4444; color: #fff; font-size: 12px; font-weight: 700;
  display: grid; place-items: center; border: 2px solid #fff;
}

.panel {
  position: absolute; right: 0; bottom: 76px;
  width: 380px; height: min(640px, calc(100vh - 120px));
  display: flex; flex-direction: column;
  background: var(--surface); border-radius: var(--radius); overflow: hidden;
  box-shadow: 0 24px 60px -12px rgba(15, 23, 42, .35), 0 0 0 1px rgba(15, 23, 42, .06);
  transform-origin: bottom right;
  animation: pop .18s ease-out;
}
@keyframes pop { from { opacity: 0; transform: translateY(8px) scale(.97); } }
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } .launcher { transition: none; } }
@media (max-width: 480px) {
  :host { right: 12px; bottom: 12px; }
  .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
  :host([data-open]) .launcher { display: none; }
}

.head {
  display: flex; align-items: center; gap: 12px; padding: 16px 16px 16px 18px;
  background: linear-gradient(135deg, var(--accent), color-mix(in srgb, var(--accent) 70%, #0f172a));
  color: var(--accent-ink);
}
.head-avatar {
  width: 40px; height: 40px; border-radius: 12px; flex: none;
  display: grid; place-items: center; background: rgba(255, 255, 255, .18);
}
.head-avatar svg { width: 22px; height: 22px; }
.titles { flex: 1; min-width: 0; }
.titles h2 {
  margin: 0; font-size: 16px; font-weight: 650; letter-spacing: -.01em;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.titles p { margin: 2px 0 0; font-size: 13px; opacity: .85; display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #4ade80; box-shadow: 0 0 0 2px rgba(255,255,255,.25); }
.dot.off { background: #fbbf24; }
.icon-btn {
  width: 36px; height: 36px; border: 0; border-radius: 10px; background: transparent;
  display: grid; place-items: center; color: inherit;
}
.icon-btn:hover { background: rgba(255, 255, 255, .16); }
.icon-btn svg { width: 20px; height: 20px; }

.emergency {
  display: flex; gap: 10px; align-items: flex-start; padding: 12px 16px;
  background: #b91c1c; color: #fff; border-bottom: 3px solid #7f1d1d; font-size: 14px;
}
.emergency[hidden] { display: none; }
.emergency strong { display: block; font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
.emergency p { margin: 2px 0 0; font-weight: 600; line-height: 1.4; }
.emergency-icon {
  flex: none; width: 26px; height: 26px; border-radius: 50%; background: #fff; color: #b91c1c;
  display: grid; place-items: center; font-weight: 800; font-size: 16px;
}
.msg[data-emergency] .bubble { background: #fef2f2; color: #7f1d1d; border: 2px solid #b91c1c; font-weight: 600; }
.status {
  display: flex; align-items: center; gap: 10px; padding: 10px 16px;
  font-size: 13.5px; font-weight: 550; border-bottom: 1px solid var(--line);
}
.status:empty { display: none; }
.status-lines { display: flex; flex-direction: column; gap: 1px; }
.status-lines strong { font-weight: 650; }
.status-lines small { font-size: 12.5px; font-weight: 450; opacity: .9; }
.queue { padding: 8px 12px 10px; border-bottom: 1px solid var(--line); background: #fffdf5; }
.queue-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.chip {
  border: 1px solid #fcd34d; background: #fff; color: #92400e; border-radius: 999px;
  padding: 5px 12px; font-size: 12.5px; font-weight: 650;
}
.chip:hover { background: #fef3c7; }
.chip-quiet { border-color: var(--line); color: var(--muted); }
.chip-quiet:hover { background: var(--soft); }
.ticket { display: flex; flex-direction: column; gap: 8px; margin-top: 10px; }
.ticket-field { display: flex; flex-direction: column; gap: 4px; font-size: 12.5px; font-weight: 600; color: var(--ink); }
.ticket-field input, .ticket-field textarea {
  font: inherit; font-weight: 400; font-size: 14px; color: var(--ink); padding: 8px 10px;
  border: 1px solid #cbd5e1; border-radius: 10px; background: #fff; resize: none;
}
.ticket-field input:focus, .ticket-field textarea:focus {
  outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 18%, transparent);
}
.ticket-error { margin: 0; font-size: 12.5px; color: var(--danger); }
.ticket-buttons { display: flex; justify-content: flex-end; align-items: center; gap: 14px; }
.ticket-done { margin: 8px 0 0; font-size: 13px; color: var(--agent); font-weight: 600; }
.status[data-kind="queued"] { background: #fffbeb; color: #92400e; }
.status[data-kind="assigned"] { background: var(--agent-soft); color: var(--agent); }
.status[data-kind="offline"] { background: #fff7ed; color: #9a3412; }
.status .spinner {
  width: 14px; height: 14px; border-radius: 50%; flex: none;
  border: 2px solid currentColor; border-right-color: transparent; animation: spin .9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }

.log {
  flex: 1; overflow-y: auto; padding: 18px 16px 8px; display: flex; flex-direction: column; gap: 4px;
  background: #fbfcfe; overscroll-behavior: contain;
}
.intro { margin: 8px auto 16px; text-align: center; max-width: 280px; color: var(--muted); font-size: 14px; }
.intro strong { display: block; color: var(--ink); font-size: 17px; margin-bottom: 4px; }
.intro-icon {
  width: 48px; height: 48px; margin: 0 auto 12px; border-radius: 16px; display: grid; place-items: center;
  background: color-mix(in srgb, var(--accent) 12%, white); color: var(--accent);
}
.intro-icon svg { width: 24px; height: 24px; }

.msg { display: flex; flex-direction: column; max-width: 82%; align-items: flex-start; }
.msg + .msg.first { margin-top: 10px; }
.meta { font-size: 12px; color: var(--muted); margin: 0 0 4px 2px; display: flex; align-items: center; gap: 6px; font-weight: 550; }
.meta .av { width: 20px; height: 20px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-size: 11px; }
.meta .av svg { width: 12px; height: 12px; }
.bubble {
  padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--soft); color: var(--ink);
}
.bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.msg[data-author="bot"] .av { background: var(--accent); }
.msg[data-author="bot"] .bubble { border-top-left-radius: 6px; }
.msg[data-author="agent"] .av { background: var(--agent); }
.msg[data-author="agent"] .bubble { background: var(--agent-soft); border: 1px solid #a7f3d0; border-top-left-radius: 6px; }
.msg[data-author="customer"] { align-self: flex-end; align-items: flex-end; }
.msg[data-author="customer"] .bubble { background: var(--accent); color: var(--accent-ink); border-top-right-radius: 6px; }
.msg[data-author="system"] { align-self: center; max-width: 92%; margin: 10px 0; align-items: center; }
.msg[data-author="system"] .bubble {
  background: transparent; color: var(--muted); font-size: 12.5px; text-align: center; padding: 2px 10px;
}
.msg[data-state="sending"] .bubble { opacity: .6; }
.msg[data-state="failed"] .bubble { background: var(--danger-soft); color: var(--danger); border: 1px solid #fecaca; }
.foot { font-size: 11.5px; color: var(--muted); margin-top: 3px; display: flex; gap: 8px; align-items: center; }
.msg[data-state="failed"] .foot { color: var(--danger); }
.link-btn { border: 0; background: none; padding: 0; font-size: 11.5px; font-weight: 650; text-decoration: underline; color: inherit; }

.typing { display: flex; align-items: center; gap: 8px; margin: 4px 16px 0; font-size: 12.5px; color: var(--muted); }
.typing[hidden] { display: none; }
.typing .dots { display: inline-flex; gap: 3px; }
.typing .dots i { width: 5px; height: 5px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite both; }
.typing .dots i:nth-child(2) { animation-delay: .2s; }
.typing .dots i:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing .dots i { animation: none; } }
.alert {
  margin: 8px 12px 0; padding: 9px 12px; border-radius: 10px; font-size: 13px;
  background: var(--danger-soft); color: var(--danger); border: 1px solid #fecaca;
}
.ended {
  margin: 8px 12px 0; padding: 12px; border-radius: 12px; background: var(--soft);
  font-size: 13.5px; color: var(--muted); display: flex; align-items: center; justify-content: space-between; gap: 10px;
}
.foot-row { display: flex; align-items: center; justify-content: center; gap: 12px; margin: -4px 16px 10px; }
.foot-row:has(.end-btn:not([hidden])) { justify-content: space-between; }
.foot-row .brand { margin: 0; }
.end-btn { font-size: 12px; color: var(--muted); }
.end-btn:hover { color: var(--danger); }
.rating {
  margin: 8px 12px 0; padding: 8px 10px 8px 14px; border-radius: 12px; border: 1px solid var(--line);
  background: var(--surface); display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px 8px;
}
.rating-title { margin: 0; font-size: 14px; font-weight: 650; }
.stars { display: flex; gap: 0; }
.star {
  width: 34px; height: 34px; border-radius: 10px; display: grid; place-items: center; cursor: pointer;
  color: #dbe2ea; transition: color .12s, transform .12s;
}
.star svg { width: 26px; height: 26px; fill: currentColor; }
.star:hover { transform: scale(1.08); }
.star:has(input:focus-visible) { outline: 3px solid color-mix(in srgb, var(--accent) 45%, transparent); }
.stars:has(.star:nth-child(1) input:checked) .star:nth-child(-n+1),
.stars:has(.star:nth-child(2) input:checked) .star:nth-child(-n+2),
.stars:has(.star:nth-child(3) input:checked) .star:nth-child(-n+3),
.stars:has(.star:nth-child(4) input:checked) .star:nth-child(-n+4),
.stars:has(.star:nth-child(5) input:checked) .star:nth-child(-n+5),
.stars:hover:has(.star:nth-child(1):hover) .star:nth-child(-n+1),
.stars:hover:has(.star:nth-child(2):hover) .star:nth-child(-n+2),
.stars:hover:has(.star:nth-child(3):hover) .star:nth-child(-n+3),
.stars:hover:has(.star:nth-child(4):hover) .star:nth-child(-n+4),
.stars:hover:has(.star:nth-child(5):hover) .star:nth-child(-n+5) { color: #f59e0b; }
.stars:hover .star:hover ~ .star:not(#none) { color: #dbe2ea; }
.rating-more { flex-basis: 100%; display: flex; align-items: flex-end; flex-wrap: wrap; gap: 8px; padding-bottom: 2px; }
.rating-more textarea { flex: 1; min-width: 0; }
.rating-more .ticket-error { flex-basis: 100%; order: 2; }
.rating-more textarea {
  font: inherit; font-size: 14px; color: var(--ink); padding: 8px 10px; resize: none;
  border: 1px solid #cbd5e1; border-radius: 10px; background: #fff;
}
.rating-more textarea:focus {
  outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 18%, transparent);
}
.rating-done {
  padding: 10px 14px; background: var(--agent-soft); border-color: #a7f3d0; color: var(--agent);
}
.rating-done-text { display: flex; flex-direction: column; gap: 1px; font-size: 13.5px; }
.rating-done-text small { font-size: 12.5px; color: var(--ink); opacity: .8; }
.rating-done .link-btn { font-size: 12.5px; }
.pill-btn {
  border: 0; border-radius: 999px; padding: 7px 14px; font-size: 13px; font-weight: 650;
  background: var(--accent); color: var(--accent-ink); white-space: nowrap;
}

.composer {
  display: flex; align-items: flex-end; gap: 8px; margin: 12px; padding: 6px 6px 6px 14px;
  border: 1px solid var(--line); border-radius: 16px; background: var(--surface);
  transition: border-color .15s, box-shadow .15s;
}
.composer:focus-within { border-color: color-mix(in srgb, var(--accent) 60%, white); box-shadow: 0 0 0 4px color-mix(in srgb, var(--accent) 14%, transparent); }
.composer textarea {
  flex: 1; border: 0; outline: none; resize: none; background: transparent; color: var(--ink);
  font: inherit; padding: 7px 0; max-height: 120px; min-height: 22px;
}
.composer textarea::placeholder { color: #94a3b8; }
.composer textarea:focus-visible { outline: none; }
.composer .attach { color: #64748b; align-self: flex-end; }
.composer .attach:hover { background: #f1f5f9; color: #334155; }
.send {
  width: 38px; height: 38px; border: 0; border-radius: 12px; flex: none;
  display: grid; place-items: center; background: var(--accent); color: var(--accent-ink);
  transition: opacity .15s, transform .15s;
}
.send:disabled { opacity: .35; cursor: default; }
.send:not(:disabled):hover { transform: translateY(-1px); }
.send svg { width: 18px; height: 18px; }
.brand { margin: -4px 0 10px; text-align: center; font-size: 11px; color: #64748b; }
`;
