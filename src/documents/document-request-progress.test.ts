import { describe, expect, it } from 'vitest';
import { documentRequestProgress } from './document-request-progress.ts';

const request = [
  { kind: 'payslip', label: 'payslip', needed: 2 },
  { kind: 'photo_id', label: 'photo ID', needed: 1 },
  { kind: 'bank_statement', label: 'bank statement', needed: 1 },
];

describe('documentRequestProgress', () => {
  it.each([
    { sent: [], received: 0, missing: ['payslip (2)', 'photo ID', 'bank statement'] },
    { sent: ['payslip'], received: 1, missing: ['payslip', 'photo ID', 'bank statement'] },
    // More of a kind than asked counts as asked, no more.
    { sent: ['payslip', 'payslip', 'payslip'], received: 2, missing: ['photo ID', 'bank statement'] },
    // Files sent without a kind fill the first kinds still missing, in order.
    { sent: [null, null, null], received: 3, missing: ['bank statement'] },
    { sent: ['photo_id', null, null], received: 3, missing: ['bank statement'] },
    // A kind nobody asked for counts nowhere.
    { sent: ['passport', 'payslip'], received: 1, missing: ['payslip', 'photo ID', 'bank statement'] },
    { sent: ['payslip', 'payslip', 'photo_id', 'bank_statement'], received: 4, missing: [] },
  ])('$sent gives $received of 4', ({ sent, received, missing }) => {
    expect(
      documentRequestProgress(
        request,
        sent.map((kind) => ({ kind })),
      ),
    ).toEqual({ needed: 4, received, missing });
  });

  it('is nothing needed for an empty request', () => {
    expect(documentRequestProgress([], [{ kind: null }])).toEqual({ needed: 0, received: 0, missing: [] });
  });
});
