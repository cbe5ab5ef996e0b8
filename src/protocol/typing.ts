/** Typing indicators' timing, shared by the server and the browsers (no zod here: the widget imports it). */

/** A typist re-announces typing at most this often. */
export const typingThrottleMs = 2_500;
/** A receiver shows a typing indicator this long after the last news, then drops it. */
export const typingExpiryMs = 6_000;
