import type { AuthorKind } from '../../src/protocol/conversation.ts';
import { canRetry, type PendingMessage } from '../shared/message-log.ts';
import { authorLabels, clockTime } from './format.ts';
import type { MaskedMessage } from './format-context.ts';
import { MaskedText } from './masked-text.tsx';

type Props = {
  author: AuthorKind;
  mine: boolean;
  text: string;
  /** The package's masked version of the text, when it masked personal data in it. */
  masked?: MaskedMessage;
  internal: boolean;
  createdAt: string;
  /** First of a run by the same author: shows the author line. */
  first: boolean;
  pending?: PendingMessage;
  onRetry?: () => void;
  onDiscard?: () => void;
};

/** One transcript entry, styled by author kind; internal notes and system notes stand apart. */
export function TranscriptMessage({
  author,
  mine,
  text,
  masked,
  internal,
  createdAt,
  first,
  pending,
  onRetry,
  onDiscard,
}: Props) {
  if (author === 'system') {
    return (
      <div
        className={`msg msg-system${internal ? ' msg-system-internal' : ''}`}
        data-author="system"
        data-internal={internal || undefined}
      >
        {internal && <span className="msg-system-label">Only agents see this</span>}
        <span>{text}</span>
        <time dateTime={createdAt}>{clockTime(createdAt)}</time>
      </div>
    );
  }
  const who = internal ? `Internal note${mine ? ' · you' : ''}` : mine ? 'You' : authorLabels[author];
  const state = pending?.status ?? 'sent';
  return (
    <div
      className={`msg msg-${author}${internal ? ' msg-internal' : ''}${first ? ' msg-first' : ''}`}
      data-author={author}
      data-internal={internal || undefined}
      data-state={state}
    >
      {first && (
        <div className="msg-who">
          {who}
          <time dateTime={createdAt}>{clockTime(createdAt)}</time>
        </div>
      )}
      <div className="msg-body">{masked ? <MaskedText text={masked.text} path={masked.path} /> : text}</div>
      {pending && (
        <div className="msg-status">
          {pending.status === 'sending' ? (
            'Sending…'
          ) : (
            <>
              <span>Not sent{pending.error ? `: ${pending.error}` : ''}</span>
              {canRetry(pending) && (
                <button type="button" className="link" onClick={onRetry}>
                  Retry
                </button>
              )}
              <button type="button" className="link" onClick={onDiscard}>
                Remove
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
