/** What the customer was doing when a call failed: the wording of a refusal depends on it. */
export type CustomerAction = 'message' | 'email' | 'phone' | 'file' | 'other';

const byCode: Record<string, string> = {
  MESSAGE_TOO_LONG: 'That message is too long. Please shorten it and send it again.',
  RATE_LIMITED: "You're sending messages very quickly. Please wait a moment and try again.",
  NETWORK_ERROR: 'Cannot reach us right now. Check your connection and try again.',
  NOT_READY: "We're restarting for a moment. Please try again shortly.",
  ILLEGAL_TRANSITION: 'This conversation has moved on. Please start a new one if you need more help.',
  CONVERSATION_NOT_FOUND: 'This conversation has ended. Please start a new one.',
  PAYLOAD_TOO_LARGE: 'That file is too large. Please send a smaller one.',
  UNSUPPORTED_MEDIA_TYPE: 'We can only take PDFs, photos and scans (PNG, JPEG, HEIC, TIFF) and plain text.',
  IDENTITY_REQUIRED: 'Please sign in to chat with us.',
  INVALID_IDENTITY: 'Your sign-in has expired. Please reload the page and try again.',
};

const invalid: Record<CustomerAction, string> = {
  message: "We couldn't send that message. Please check it and try again.",
  email: 'Please check your email address (for example name@example.com).',
  phone: 'Please check your phone number (digits, spaces and a leading + only).',
  file: "We couldn't take that file. Please check it and try again.",
  other: 'Something in that request was not right. Please try again.',
};

/**
 * A refusal as a customer should read it: plain words for what they can do, never the server's validation
 * detail ("Invalid body: email: Invalid email address") or an error code.
 */
export function customerErrorText(code: string | undefined, action: CustomerAction): string {
  if (code === 'VALIDATION_FAILED' || code === 'INVALID_JSON') return invalid[action];
  return (code && byCode[code]) ?? 'Something went wrong on our side. Please try again.';
}
