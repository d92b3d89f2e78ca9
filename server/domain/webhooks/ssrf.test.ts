import { describe, expect, it } from 'vitest';
import { classifyAddress, urlPolicyRefusal } from './ssrf';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['not-an-ip', 'invalid'],
    ['999.1.1.1', 'invalid'],
    ['1::2::3', 'invalid'],
  ])('%s is %s', (ip, reason) => {
    expect(classifyAddress(ip)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('%s is public', (ip) => {
    expect(classifyAddress(ip)).toBeNull();
  });
});

describe('urlPolicyRefusal', () => {
  const refusal = (url: string, allowPrivate = false) =>
    urlPolicyRefusal(new URL(url), allowPrivate);

  it('takes https to a public host', () => {
    expect(refusal('https://hooks.example.com/vigil')).toBeNull();
    expect(refusal('https://93.184.215.14/x')).toBeNull();
  });

  it('refuses other schemes, plain http and credentials', () => {
    expect(refusal('ftp://example.com/')).toMatch(/https/);
    expect(refusal('http://hooks.example.com/')).toMatch(/must use https/);
    expect(refusal('https://user:pw@hooks.example.com/')).toMatch(/no credentials/);
  });

  it('refuses forbidden address literals, saying which kind', () => {
    expect(refusal('https://10.0.0.1/')).toMatch(/private network/);
    expect(refusal('https://169.254.169.254/latest/meta-data')).toMatch(/metadata/);
    expect(refusal('https://[::1]:8443/')).toMatch(/loopback/);
    expect(refusal('https://[fd00:ec2::254]/')).toMatch(/metadata/);
  });

  it('lets a local receiver through when private targets are allowed', () => {
    expect(refusal('http://127.0.0.1:3000/hook', true)).toBeNull();
    expect(refusal('https://10.0.0.1/', true)).toBeNull();
  });
});
