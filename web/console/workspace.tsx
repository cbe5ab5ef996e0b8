import { useCallback, useEffect, useMemo } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import { ApiError } from '../shared/request-json.ts';
import { createConsoleApi } from './api-client.ts';
import { ConsoleSocket } from './console-socket.ts';
import { ContextPanel } from './context-panel.tsx';
import { ConversationView } from './conversation-view.tsx';
import { InboxList } from './inbox-list.tsx';
import { NoticeStack } from './notice-stack.tsx';
import { OfferList } from './offer-list.tsx';
import type { ConsoleSession } from './session-storage.ts';
import { TopBar } from './top-bar.tsx';
import { useConversation } from './use-conversation.ts';
import { useInbox } from './use-inbox.ts';
import { useOffers } from './use-offers.ts';
import { useSelectedId } from './use-selected-id.ts';

type Props = {
  session: ConsoleSession;
  onSessionChange: (s: ConsoleSession) => void;
  onSignOut: (message?: string) => void;
};

const expired = 'Your session has expired. Please sign in again.';

/** The signed-in console: inbox, the open conversation, and its context. */
export function Workspace({ session, onSessionChange, onSignOut }: Props) {
  const api = useMemo(() => createConsoleApi(session.token), [session.token]);
  const socket = useMemo(
    () => new ConsoleSocket(session.token, () => onSignOut(expired)),
    [session.token, onSignOut],
  );
  const [selectedId, select] = useSelectedId();

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

  const inbox = useInbox(api, socket, onError);
  const { offers, remove: removeOffer } = useOffers(api, socket, onError);
  const accepted = useCallback(
    (c: Conversation) => {
      inbox.apply(c);
      select(c.id);
    },
    [inbox.apply, select],
  );
  const open = useConversation(api, socket, selectedId, session.agent.id, onError);

  return (
    <div className="workspace">
      <TopBar agent={session.agent} socket={socket} onSignOut={() => onSignOut()} />
      <div className="panes">
        <InboxList inbox={inbox} selectedId={selectedId} onSelect={select} agentId={session.agent.id}>
          <OfferList
            api={api}
            offers={offers}
            onAccepted={accepted}
            onClosed={removeOffer}
            onError={onError}
          />
        </InboxList>
        <ConversationView
          key={selectedId ?? 'none'}
          api={api}
          open={open}
          agentId={session.agent.id}
          onChanged={inbox.apply}
          onError={onError}
        />
        <ContextPanel open={open} />
      </div>
      <NoticeStack socket={socket} onOpen={select} />
    </div>
  );
}
