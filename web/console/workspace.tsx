import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { InboxScope } from '../../src/protocol/scope-inbox.ts';
import { ApiError } from '../shared/request-json.ts';
import { createConsoleApi } from './api-client.ts';
import { ClosedTeamsNotice } from './closed-teams-notice.tsx';
import { ConsoleSocket } from './console-socket.ts';
import { ContextPanel } from './context-panel.tsx';
import { ConversationView } from './conversation-view.tsx';
import { DashboardView } from './dashboard-view.tsx';
import { maskedTranscript } from './format-context.ts';
import { ImproveView } from './improve-view.tsx';
import { InboxList } from './inbox-list.tsx';
import { IncidentBanner } from './incident-banner.tsx';
import { NoticeStack } from './notice-stack.tsx';
import { OfferList } from './offer-list.tsx';
import { RevealScope } from './reveal-scope.tsx';
import type { ConsoleSession } from './session-storage.ts';
import { SettingsView } from './settings-view.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { TicketsView } from './tickets-view.tsx';
import { TopBar } from './top-bar.tsx';
import { UpcomingAppointments } from './upcoming-appointments.tsx';
import { useContextPackage } from './use-context-package.ts';
import { useConversation } from './use-conversation.ts';
import { useHandoffLabel } from './use-handoff-label.ts';
import { useInbox } from './use-inbox.ts';
import { useMacros } from './use-macros.ts';
import { useOfferAlerts } from './use-offer-alerts.ts';
import { useOffers } from './use-offers.ts';
import { useQueueRefusals } from './use-queue-refusals.ts';
import { useRoute } from './use-route.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { useTickets } from './use-tickets.ts';

type Props = {
  session: ConsoleSession;
  onSessionChange: (s: ConsoleSession) => void;
  onSignOut: (message?: string) => void;
};

/** Shown when the server no longer accepts the token: it expired, or was signed out or revoked. */
const expired = 'Your session has ended. Please sign in again.';

/**
 * The signed-in console: inbox and offers, the open conversation with its context, or the tickets list; and for
 * supervisors and admins the dashboard.
 */
export function Workspace({ session, onSessionChange, onSignOut }: Props) {
  const api = useMemo(() => createConsoleApi(session.token), [session.token]);
  const socket = useMemo(
    () => new ConsoleSocket(session.token, () => onSignOut(expired)),
    [session.token, onSignOut],
  );
  const [route, go] = useRoute();
  const canSupervise = session.agent.role !== 'agent';
  const isAdmin = session.agent.role === 'admin';
  const allowed =
    route.view === 'settings'
      ? isAdmin
      : route.view === 'dashboard' || route.view === 'improve'
        ? canSupervise
        : true;
  const view = allowed ? route.view : 'conversations';
  const page = view === 'dashboard' || view === 'improve' || view === 'settings';
  const selectedId = route.view === 'conversations' ? route.id : null;
  const select = useCallback((id: string | null) => go({ view: 'conversations', id }), [go]);

  const keys = useShortcuts(selectedId, select);

  const onError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onSignOut(expired);
    },
    [onSignOut],
  );

  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);

  useEffect(() => {
    api.me().then(
      (res) => onSessionChange({ token: session.token, agent: res.agent }),
      (err: unknown) => onError(err),
    );
  }, [api, session.token, onSessionChange, onError]);

  const [scope, setScope] = useState<InboxScope>(canSupervise ? 'all' : 'teams');
  const viewer = useMemo(
    () => ({ agentId: session.agent.id, role: session.agent.role, teams: session.agent.teams }),
    [session.agent],
  );
  const inbox = useInbox(api, socket, onError, scope);
  const { offers, remove: removeOffer } = useOffers(api, socket, onError);
  const refusals = useQueueRefusals(api, socket, onError);
  const accepted = useCallback(
    (c: Conversation) => {
      inbox.apply(c);
      select(c.id);
    },
    [inbox.apply, select],
  );
  const showConversations = useCallback(
    () => go({ view: 'conversations', id: selectedId }),
    [go, selectedId],
  );
  const alerts = useOfferAlerts(session.agent.id, offers, showConversations);
  const offerList = (
    <OfferList api={api} offers={offers} onAccepted={accepted} onClosed={removeOffer} onError={onError} />
  );
  const open = useConversation(api, socket, selectedId, session.agent.id, onError);
  const pkg = useContextPackage(api, open.conversation, onError);
  const label = useHandoffLabel(api, open.conversation, onError);
  const macros = useMacros(api, onError);
  const tickets = useTickets(api, socket, onError);
  const reloadTickets = tickets.reload;
  useEffect(() => {
    if (route.view === 'tickets') reloadTickets();
  }, [route.view, reloadTickets]);

  const masked = useMemo(() => maskedTranscript(pkg.context), [pkg.context]);
  const redactions = useMemo(() => pkg.context?.redactions ?? [], [pkg.context]);

  return (
    <div className={`workspace${page ? ' workspace-page' : ''}`}>
      <IncidentBanner token={session.token} socket={socket} me={session.agent} />
      <TopBar
        agent={session.agent}
        api={api}
        socket={socket}
        onAgentChange={(agent) => onSessionChange({ token: session.token, agent })}
        alertPrefs={alerts.prefs}
        onAlertPrefs={alerts.setPrefs}
        view={view}
        ticketCount={tickets.tickets.length}
        onView={(next) =>
          go(
            next === 'conversations'
              ? { view: next, id: null }
              : next === 'settings'
                ? { view: next, section: 'teams' }
                : { view: next },
          )
        }
        onSignOut={() => {
          // Revoke the token on the server as well; the console signs out here whatever the answer.
          api.logout().catch(() => {});
          onSignOut();
        }}
      />
      {view === 'dashboard' ? (
        <>
          <DashboardView api={api} socket={socket} onError={onError} />
          {/* Offers stay reachable on every view: on the dashboard they float above it. */}
          {offers.length > 0 && <div className="offer-dock">{offerList}</div>}
        </>
      ) : view === 'improve' ? (
        <>
          <ImproveView
            token={session.token}
            initialPack={route.view === 'improve' ? route.pack : undefined}
            onError={onError}
          />
          {offers.length > 0 && <div className="offer-dock">{offerList}</div>}
        </>
      ) : view === 'settings' && route.view === 'settings' ? (
        <>
          <SettingsView token={session.token} section={route.section} onError={onError} />
          {offers.length > 0 && <div className="offer-dock">{offerList}</div>}
        </>
      ) : (
        <div className={`panes${view === 'tickets' ? ' panes-wide' : ''}`}>
          <InboxList
            inbox={inbox}
            selectedId={selectedId}
            onSelect={select}
            agentId={session.agent.id}
            refusals={refusals}
            scope={scope}
            onScope={canSupervise ? setScope : undefined}
            viewer={viewer}
          >
            {offerList}
            <ClosedTeamsNotice api={api} socket={socket} teams={session.agent.teams} onError={onError} />
          </InboxList>
          {view === 'tickets' ? (
            <TicketsView tickets={tickets} onOpenConversation={select} onError={onError}>
              <UpcomingAppointments api={api} onOpenConversation={select} onError={onError} />
            </TicketsView>
          ) : (
            <RevealScope
              key={selectedId ?? 'none'}
              api={api}
              conversationId={selectedId}
              redactions={redactions}
              role={session.agent.role}
              onError={onError}
            >
              <ConversationView
                key={selectedId ?? 'none'}
                api={api}
                open={open}
                me={session.agent}
                macros={macros}
                masked={masked}
                label={label}
                onChanged={inbox.apply}
                onError={onError}
              />
              <ContextPanel open={open} pkg={pkg} label={label} onError={onError} api={api} />
            </RevealScope>
          )}
        </div>
      )}
      <NoticeStack socket={socket} onOpen={select} />
      {keys.help && <ShortcutHelp onClose={keys.closeHelp} />}
    </div>
  );
}
