import { describe, expect, it } from 'vitest';
import { checkUpload, cleanFileName, defaultDocumentTypes } from './check-upload.ts';

const limits = { maxBytes: 1000, allowedTypes: defaultDocumentTypes };

describe('checkUpload', () => {
  it.each([
    [{ size: 0, sniffedType: 'application/pdf' }, 'empty'],
    [{ size: 1001, sniffedType: 'application/pdf' }, 'too_large'],
    [{ size: 1000, sniffedType: 'application/pdf' }, 'accept'],
    [{ size: 10, sniffedType: null }, 'unknown_type'],
    [{ size: 10, sniffedType: 'application/x-msdownload' }, 'type_not_allowed'],
    [{ size: 10, sniffedType: 'image/png' }, 'accept'],
  ])('%o -> %s', (input, kind) => {
    expect(checkUpload(input, limits).kind).toBe(kind);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['payslip.pdf', 'payslip.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\scan.png', 'scan.png'],
    ['a\u0000b\r\n"c".txt', 'abc.txt'],
    ['..', 'document'],
    ['', 'document'],
  ])('%j -> %j', (name, clean) => {
    expect(cleanFileName(name)).toBe(clean);
  });
});
