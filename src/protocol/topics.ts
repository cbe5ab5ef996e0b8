/** The bus topics every instance publishes and listens on: one place, so no part imports another for a name. */

/** One conversation's live events (its messages and state), for its customer and the agents watching it. */
export const conversationTopic = (id: string) => `conversation:${id}`;
/** Every conversation change, for the console inbox. */
export const inboxTopic = 'inbox';
/** A console user's offers and notices. */
export const agentTopic = (agentId: string) => `agent:${agentId}`;
/** Supervisors' notices (SLA breaches, spikes, refused offers). */
export const supervisorTopic = 'supervisors';
/** An account's sessions may have changed: every instance re-checks its sockets. */
export const accountTopic = 'accounts';
