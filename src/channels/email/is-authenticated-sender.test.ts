import { describe, expect, it } from 'vitest';
import { isAuthenticatedSender } from './is-authenticated-sender.ts';

const gateway = 'mx.bank.example';
const from = ['ana@home.example'];

describe('isAuthenticatedSender', () => {
  it.each([
    {
      name: 'dmarc pass for the From domain',
      headers: [
        'mx.bank.example; spf=pass smtp.mailfrom=home.example; dmarc=pass (p=reject) header.from=home.example',
      ],
      ok: true,
    },
    {
      name: 'dkim pass signed by the From domain',
      headers: ['mx.bank.example 1; dkim=pass header.d=home.example header.s=s1'],
      ok: true,
    },
    {
      name: 'folded, with comments and case',
      headers: ['MX.Bank.Example (Postfix);\r\n\tDMARC=pass (policy=reject)\r\n header.from=Home.Example'],
      ok: true,
    },
    { name: 'no header', headers: [], ok: false },
    {
      name: 'another server said pass',
      headers: ['mx.attacker.example; dmarc=pass header.from=home.example'],
      ok: false,
    },
    { name: 'dmarc fail', headers: ['mx.bank.example; dmarc=fail header.from=home.example'], ok: false },
    {
      name: 'pass for another domain',
      headers: ['mx.bank.example; dmarc=pass header.from=attacker.example'],
      ok: false,
    },
    {
      name: 'dkim pass by another domain',
      headers: ['mx.bank.example; dkim=pass header.d=attacker.example'],
      ok: false,
    },
    {
      name: 'spf pass only (envelope, not From)',
      headers: ['mx.bank.example; spf=pass smtp.mailfrom=home.example'],
      ok: false,
    },
    {
      name: 'a forged pass below the gateway verdict',
      headers: [
        'mx.bank.example; dmarc=fail header.from=home.example',
        'mx.bank.example; dmarc=pass header.from=home.example',
      ],
      ok: false,
    },
    {
      name: 'a pass hidden in a comment',
      headers: ['mx.bank.example; dmarc=none (dmarc=pass header.from=home.example) header.from=home.example'],
      ok: false,
    },
    {
      name: 'the gateway id as a prefix only',
      headers: ['mx.bank.example.attacker.example; dmarc=pass header.from=home.example'],
      ok: false,
    },
  ])('$name: $ok', ({ headers, ok }) => {
    expect(isAuthenticatedSender({ fromAddresses: from, authenticationResults: headers }, gateway)).toBe(ok);
  });

  it('trusts nothing without a configured gateway, or with several From addresses', () => {
    const headers = ['mx.bank.example; dmarc=pass header.from=home.example'];
    expect(isAuthenticatedSender({ fromAddresses: from, authenticationResults: headers }, undefined)).toBe(
      false,
    );
    expect(
      isAuthenticatedSender(
        { fromAddresses: [...from, 'eve@home.example'], authenticationResults: headers },
        gateway,
      ),
    ).toBe(false);
  });
});
