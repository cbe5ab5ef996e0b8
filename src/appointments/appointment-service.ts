import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { ConversationService } from '../conversations/conversation-service.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Appointment } from '../protocol/appointment.ts';
import type { Pack } from '../protocol/pack.ts';
import type { BusinessHours } from '../routing/business-hours.ts';
import { describeTeamOpening } from '../routing/describe-team-opening.ts';
import { appointments } from './appointment.tables.ts';
import { planSlots } from './plan-slots.ts';

type Row = typeof appointments.$inferSelect;

/** Appointments with teams in a place: free slots from their hours, booking with a confirmation, the branch's list. */
export type AppointmentService = ReturnType<typeof createAppointmentService>;

export function createAppointmentService(deps: {
  db: Db;
  conversations: ConversationService;
  pack: (id: string) => Pack | undefined;
  defaultPack: string;
  now: () => Date;
}) {
  /** The team's place: its booking rules and opening hours; refused when it takes no appointments. */
  const placeOf = (packId: string, teamId: string) => {
    const pack = deps.pack(packId) ?? fail('PACK_NOT_FOUND', `no pack "${packId}"`);
    const team = pack.teams.find((t) => t.id === teamId);
    if (!team) fail('NOT_FOUND', `pack "${packId}" has no team "${teamId}"`);
    const settings =
      team.appointments ??
      fail('VALIDATION_FAILED', `team "${teamId}" takes no appointments (it has no place)`);
    const hours = (settings.businessHours ?? pack.businessHours) as BusinessHours | undefined;
    if (!hours) fail('VALIDATION_FAILED', `team "${teamId}" has no opening hours to book in`);
    return { team, settings, hours };
  };
  const bookedStarts = async (db: Db, team: string, from: Date) =>
    (
      await db
        .select({ startsAt: appointments.startsAt })
        .from(appointments)
        .where(
          and(
            eq(appointments.team, team),
            eq(appointments.status, 'booked'),
            gte(appointments.startsAt, from),
          ),
        )
    ).map((r) => r.startsAt);
  const freeSlots = async (db: Db, packId: string, teamId: string) => {
    const place = placeOf(packId, teamId);
    const now = deps.now();
    const slots = planSlots({
      hours: place.hours,
      rules: place.settings,
      now,
      booked: await bookedStarts(db, teamId, now),
    });
    return { place, slots };
  };
  const toAppointment = (row: Row, customerId: string, teamName: string): Appointment => ({
    id: row.id,
    conversationId: row.conversationId,
    customerId,
    team: row.team,
    teamName,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    status: row.status as Appointment['status'],
    bookedBy: row.bookedBy,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  });

  return {
    /** The teams of a pack that customers meet in a place, with where. */
    places(packId: string) {
      const pack = deps.pack(packId) ?? fail('PACK_NOT_FOUND', `no pack "${packId}"`);
      return pack.teams.flatMap((t) =>
        t.appointments ? [{ team: t.id, teamName: t.name, location: t.appointments.location }] : [],
      );
    },

    /** The free slots of a team's place, from its opening hours less what is booked. */
    async slots(packId: string | undefined, teamId: string) {
      const { place, slots } = await freeSlots(deps.db, packId ?? deps.defaultPack, teamId);
      return {
        team: teamId,
        teamName: place.team.name,
        location: place.settings.location,
        timezone: place.hours.timezone,
        slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      };
    },

    /**
     * Books a slot for the conversation's customer, as one transaction: the team's row locked (two bookings of
     * the last place cannot both win), the slot checked against the hours and the bookings, the appointment and
     * the customer's confirmation (a system message on their channel) stored together.
     */
    async book(
      conversationId: string,
      input: { team: string; startsAt: string; note?: string },
      bookedBy: string,
    ) {
      const conversation = await deps.conversations.get(conversationId);
      if (conversation.state === 'closed')
        fail('ILLEGAL_TRANSITION', 'the conversation is closed; start a new one');
      const wanted = new Date(input.startsAt).getTime();
      return deps.conversations.change(conversationId, async (scope) => {
        await scope.db.execute(sql`select id from teams where id = ${input.team} for update`);
        const { place, slots } = await freeSlots(scope.db, conversation.pack, input.team);
        const slot =
          slots.find((s) => s.startsAt.getTime() === wanted) ??
          fail('SLOT_NOT_AVAILABLE', `no free ${place.team.name} slot starts at ${input.startsAt}`, {
            next: slots.slice(0, 3).map((s) => s.startsAt.toISOString()),
          });
        const [row] = await scope.db
          .insert(appointments)
          .values({
            id: newId('apt'),
            conversationId,
            team: input.team,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            location: place.settings.location,
            bookedBy,
            note: input.note ?? null,
            createdAt: deps.now(),
          })
          .returning();
        const appointment = toAppointment(row!, conversation.customerId, place.team.name);
        const when = describeTeamOpening(slot.startsAt, deps.now(), place.hours.timezone).text;
        await scope.note(
          `Your appointment with ${place.team.name} is booked for ${when}, at ${place.settings.location}. Everything you shared here goes with you, so you will not be asked again.`,
          {
            event: 'appointment_booked',
            appointment: {
              id: appointment.id,
              team: appointment.team,
              teamName: appointment.teamName,
              startsAt: appointment.startsAt,
              endsAt: appointment.endsAt,
              location: appointment.location,
            },
          },
        );
        return appointment;
      });
    },

    /** Upcoming booked appointments of the given teams (all teams when null), soonest first. */
    async upcoming(teams: readonly string[] | null): Promise<Appointment[]> {
      const rows = await deps.db
        .select({ a: appointments, customerId: sql<string>`c.customer_id`, pack: sql<string>`c.pack` })
        .from(appointments)
        .innerJoin(sql`conversations c`, sql`c.id = ${appointments.conversationId}`)
        .where(
          and(
            eq(appointments.status, 'booked'),
            gte(appointments.endsAt, deps.now()),
            teams === null ? undefined : inArray(appointments.team, teams.length > 0 ? [...teams] : ['']),
          ),
        )
        .orderBy(appointments.startsAt);
      return rows.map((r) =>
        toAppointment(
          r.a,
          r.customerId,
          deps.pack(r.pack)?.teams.find((t) => t.id === r.a.team)?.name ?? r.a.team,
        ),
      );
    },
  };
}
