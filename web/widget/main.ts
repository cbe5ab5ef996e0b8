import { BatonWidget } from './baton-widget.ts';

/**
 * Entry of widget.js. `<script src="https://HOST/widget.js" data-pack="bank"></script>` defines
 * `<baton-widget>` and mounts one; `data-mount="manual"` only defines the element. A signed-in customer is
 * named by `data-identity-token` (a JWT the host signed) or `data-customer-id` with `data-customer-hash`.
 */
function boot(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const origin = script?.src ? new URL(script.src, window.location.href).origin : window.location.origin;
  BatonWidget.defaultServer = (data.server || origin).replace(/\/+$/, '');
  if (!customElements.get('baton-widget')) customElements.define('baton-widget', BatonWidget);
  if (data.mount === 'manual' || document.querySelector('baton-widget')) return;
  const el = document.createElement('baton-widget');
  const attrs: Record<string, string | undefined> = {
    pack: data.pack,
    heading: data.heading,
    accent: data.accent,
    'customer-name': data.customerName,
    'customer-email': data.customerEmail,
    'customer-id': data.customerId,
    'customer-hash': data.customerHash,
    'identity-token': data.identityToken,
  };
  for (const [name, value] of Object.entries(attrs)) if (value) el.setAttribute(name, value);
  const mount = () => document.body.append(el);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

boot();
