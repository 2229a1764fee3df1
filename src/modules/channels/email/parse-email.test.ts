import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers } from '../card-numbers.ts';
import { extractReply, parseEmail, peekMessageId, sanitiseEmailHtml, ticketNumberInSubject } from './parse-email.ts';

describe('reading a reply', () => {
  it('keeps the new words and drops the Gmail-style quote', () => {
    const text = 'Yes, that worked.\n\nOn Tue, 3 Mar 2026 at 10:02, Support <support@example.com> wrote:\n> Try restarting.\n> Thanks';
    expect(extractReply(text)).toBe('Yes, that worked.');
  });

  it('drops an Outlook original-message block and a signature', () => {
    expect(extractReply('Thanks!\n-----Original Message-----\nFrom: Support\nSent: today')).toBe('Thanks!');
    expect(extractReply('See attached.\n-- \nJane Doe\nACME Corp')).toBe('See attached.');
  });

  it('keeps interleaved answers between quoted lines', () => {
    const text = '> Which version?\n2.4.1\n> Which OS?\nLinux';
    expect(extractReply(text)).toBe('2.4.1\nLinux');
  });

  it('falls back to the whole text when everything is quoted', () => {
    expect(extractReply('> only a quote')).toBe('> only a quote');
  });
});

describe('parsing', () => {
  it('finds the ticket number in a subject', () => {
    expect(ticketNumberInSubject('Re: [#1234] Printer')).toBe(1234);
    expect(ticketNumberInSubject('Order #1234')).toBeUndefined();
  });

  it('reads the Message-ID from folded headers without parsing the body', () => {
    expect(peekMessageId(Buffer.from('Subject: x\r\nMessage-ID:\r\n <abc@x.test>\r\n\r\nMessage-ID: <body@x>'))).toBe('<abc@x.test>');
    expect(peekMessageId(Buffer.from('Subject: x\n\nMessage-ID: <body@x>'))).toBeUndefined();
  });

  it('removes scripts, handlers and remote forms from HTML but keeps inline images', () => {
    const clean = sanitiseEmailHtml(
      '<p onclick="x()">Hi<script>alert(1)</script></p><img src="cid:a@b"><form action="https://evil"><input></form><a href="javascript:x">l</a>',
    );
    expect(clean).toBe('<p>Hi</p><img src="cid:a@b" /><a rel="noopener noreferrer nofollow" target="_blank">l</a>');
  });

  it('recognises auto-replies by their headers', async () => {
    const raw = 'From: a@b.test\r\nTo: s@x.test\r\nSubject: Hello\r\nAuto-Submitted: auto-replied\r\n\r\naway';
    expect((await parseEmail(Buffer.from(raw))).autoReply).toBe('Auto-Submitted: auto-replied');
    const normal = 'From: a@b.test\r\nTo: s@x.test\r\nSubject: Hello\r\nAuto-Submitted: no\r\n\r\nhere';
    expect((await parseEmail(Buffer.from(normal))).autoReply).toBeUndefined();
  });
});

describe('card numbers', () => {
  it('masks Luhn-valid card numbers only, keeping the last four digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(maskCardNumbers('card 4111-1111-1111-1111 and 5500 0000 0000 0004, order 4111111111111112')).toEqual({
      text: 'card ************1111 and ************0004, order 4111111111111112',
      masked: 2,
    });
  });
});
