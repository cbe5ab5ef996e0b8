/** The Baton mark and name. */
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className={compact ? 'logo logo-compact' : 'logo'}>
      <span className="logo-mark" aria-hidden="true" />
      Baton
    </span>
  );
}
