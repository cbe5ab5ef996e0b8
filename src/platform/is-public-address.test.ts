import { describe, expect, it } from 'vitest';
import { embeddedIPv4, ipv6Groups, isPublicAddress } from './is-public-address.ts';

describe('isPublicAddress', () => {
  it.each([
    // IPv4
    ['93.184.215.14', true, 'a public IPv4 address'],
    ['8.8.8.8', true, 'a public resolver'],
    ['0.0.0.0', false, 'the unspecified address'],
    ['0.1.2.3', false, '"this network"'],
    ['10.1.2.3', false, 'private 10/8'],
    ['172.16.0.1', false, 'private 172.16/12, first'],
    ['172.31.255.255', false, 'private 172.16/12, last'],
    ['172.32.0.1', true, 'just past 172.16/12'],
    ['192.168.1.1', false, 'private 192.168/16'],
    ['127.0.0.1', false, 'loopback'],
    ['127.255.255.254', false, 'loopback, anywhere in 127/8'],
    ['169.254.169.254', false, 'link-local (cloud metadata)'],
    ['100.64.0.1', false, 'carrier-grade NAT, first'],
    ['100.127.255.255', false, 'carrier-grade NAT, last'],
    ['100.128.0.1', true, 'just past CGNAT'],
    ['192.0.2.10', false, 'documentation'],
    ['198.18.0.1', false, 'benchmarking'],
    ['224.0.0.1', false, 'multicast'],
    ['255.255.255.255', false, 'broadcast'],
    // IPv6
    ['2606:4700:4700::1111', true, 'a public IPv6 address'],
    ['::', false, 'the unspecified address'],
    ['::1', false, 'loopback'],
    ['fe80::1', false, 'link-local'],
    ['fe80::1%eth0', false, 'link-local with a zone'],
    ['fc00::1', false, 'unique-local fc00::/7'],
    ['fd12:3456:789a::1', false, 'unique-local fd'],
    ['ff02::1', false, 'multicast'],
    ['2001:db8::1', false, 'documentation'],
    ['2001::1', false, 'Teredo'],
    ['2002:c000:204::1', false, '6to4'],
    ['::ffff:127.0.0.1', false, 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', false, 'IPv4-mapped loopback in hex'],
    ['::ffff:10.0.0.1', false, 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', false, 'IPv4-mapped metadata address'],
    ['::ffff:8.8.8.8', true, 'IPv4-mapped public'],
    ['64:ff9b::127.0.0.1', false, 'NAT64 of loopback'],
    ['64:ff9b::8.8.8.8', true, 'NAT64 of a public address'],
    ['::127.0.0.1', false, 'IPv4-compatible (deprecated)'],
    // Not addresses
    ['localhost', false, 'a host name'],
    ['', false, 'nothing'],
    ['1.2.3', false, 'a short IPv4'],
  ])('%s is public: %s (%s)', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('ipv6Groups and embeddedIPv4', () => {
  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::8:800:200c:417a', [0x2001, 0xdb8, 0, 0, 0x8, 0x800, 0x200c, 0x417a]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ['fe80::', [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
  ])('expands %s', (address, groups) => {
    expect(ipv6Groups(address)).toEqual(groups);
  });

  it.each([
    ['::ffff:7f00:1', '127.0.0.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['64:ff9b::a00:1', '10.0.0.1'],
    ['2001:db8::1', null],
    ['10.0.0.1', null],
  ])('finds the IPv4 address in %s', (address, v4) => {
    expect(embeddedIPv4(address)).toBe(v4);
  });
});
