import type {
  AppointmentEntry,
  ConversationEntry,
  DocumentEntry,
  TicketEntry,
} from '../protocol/timeline.ts';

/** A conversation entry for tests, overridable field by field. */
export const conversationEntry = (over: Partial<ConversationEntry> = {}): ConversationEntry => ({
  kind: 'conversation',
  at: '2026-03-01T10:00:00.000Z',
  conversationId: 'conv-1',
  caseId: 'conv-1',
  channel: 'web',
  state: 'resolved',
  team: 'lending',
  teamName: 'Lending',
  agentName: 'Dana',
  topic: 'Mortgage advice',
  lastActivityAt: '2026-03-01T10:30:00.000Z',
  ...over,
});

/** A ticket entry for tests. */
export const ticketEntry = (over: Partial<TicketEntry> = {}): TicketEntry => ({
  kind: 'ticket',
  at: '2026-03-01T11:00:00.000Z',
  conversationId: 'conv-1',
  caseId: 'conv-1',
  ticketId: 'tic-1',
  ticketKind: 'callback',
  team: 'lending',
  status: 'open',
  ...over,
});

/** An appointment entry for tests. */
export const appointmentEntry = (over: Partial<AppointmentEntry> = {}): AppointmentEntry => ({
  kind: 'appointment',
  at: '2026-03-02T09:00:00.000Z',
  conversationId: 'conv-1',
  caseId: 'conv-1',
  appointmentId: 'apt-1',
  team: 'branch',
  teamName: 'Main Street branch',
  startsAt: '2026-03-12T14:00:00.000Z',
  endsAt: '2026-03-12T14:30:00.000Z',
  status: 'booked',
  location: '1 Main Street',
  ...over,
});

/** A document entry for tests. */
export const documentEntry = (over: Partial<DocumentEntry> = {}): DocumentEntry => ({
  kind: 'document',
  at: '2026-03-01T10:10:00.000Z',
  conversationId: 'conv-1',
  caseId: 'conv-1',
  documentId: 'doc-1',
  name: 'payslip-feb.pdf',
  mediaType: 'application/pdf',
  size: 1200,
  documentKind: 'payslip',
  channel: 'web',
  request: null,
  ...over,
});
