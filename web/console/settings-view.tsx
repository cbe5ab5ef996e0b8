import { useMemo } from 'react';
import type { SettingsSection } from './read-route.ts';
import { settingsSections } from './read-route.ts';
import { SettingsAgents } from './settings-agents.tsx';
import { createSettingsApi } from './settings-api.ts';
import { SettingsAudit } from './settings-audit.tsx';
import { SettingsMacros } from './settings-macros.tsx';
import { SettingsPacks } from './settings-packs.tsx';
import { SettingsTeams } from './settings-teams.tsx';
import { SettingsWebhooks } from './settings-webhooks.tsx';

type Props = { token: string; section: SettingsSection; onError: (err: unknown) => void };

const titles: Record<SettingsSection, string> = {
  teams: 'Teams & hours',
  agents: 'Accounts',
  macros: 'Canned replies',
  webhooks: 'Webhooks',
  packs: 'Packs',
  audit: 'Audit log',
};

/** The admin's settings area: one section at a time, each change recorded in the audit log. */
export function SettingsView({ token, section, onError }: Props) {
  const api = useMemo(() => createSettingsApi(token), [token]);
  const props = { api, onError };
  return (
    <main className="settings" aria-labelledby="settings-title">
      <nav className="settings-nav" aria-label="Settings sections">
        <h2 id="settings-title">Settings</h2>
        <ul>
          {settingsSections.map((s) => (
            <li key={s}>
              <a href={`#/settings/${s}`} aria-current={s === section ? 'page' : undefined}>
                {titles[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="settings-body" aria-labelledby="settings-section-title">
        <h3 id="settings-section-title" className="settings-section-title">
          {titles[section]}
        </h3>
        {section === 'teams' && <SettingsTeams {...props} />}
        {section === 'agents' && <SettingsAgents {...props} />}
        {section === 'macros' && <SettingsMacros {...props} />}
        {section === 'webhooks' && <SettingsWebhooks {...props} />}
        {section === 'packs' && <SettingsPacks {...props} />}
        {section === 'audit' && <SettingsAudit {...props} />}
      </section>
    </main>
  );
}
