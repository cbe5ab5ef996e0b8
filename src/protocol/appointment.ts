import { z } from 'zod';
import { storableText } from './conversation.ts';

/** A free time with a team in a place. */
export const slotSchema = z.object({ startsAt: z.string(), endsAt: z.string() });

export const slotsResponseSchema = z.object({
  team: z.string(),
  teamName: z.string(),
  location: z.string(),
  timezone: z.string(),
  slots: z.array(slotSchema),
});

export const teamParamsSchema = z.strictObject({ team: storableText(64) });
export const slotsQuerySchema = z.strictObject({ pack: storableText(64).optional() });

/** What the bot or an agent books: a team's slot, by its start time. */
export const bookAppointmentBodySchema = z.strictObject({
  team: storableText(64),
  startsAt: z.iso.datetime({ offset: true }),
  note: storableText(1000).optional(),
});

/** An appointment as the API shows it. */
export const appointmentSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  team: z.string(),
  teamName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  status: z.enum(['booked', 'cancelled']),
  bookedBy: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentResponseSchema = z.object({ appointment: appointmentSchema });
export const appointmentsResponseSchema = z.object({ appointments: z.array(appointmentSchema) });

export const packParamsSchema = z.strictObject({ pack: storableText(64) });
export const placesResponseSchema = z.object({
  places: z.array(z.object({ team: z.string(), teamName: z.string(), location: z.string() })),
});
