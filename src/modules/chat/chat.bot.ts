import type { Context } from '../../platform/context.ts';
import { searchKnowledgeBase } from '../kb/index.ts';
import * as repo from './chat.repository.ts';
import { handOff, postAs } from './chat.service.ts';

const HANDOFF = /\b(agent|human|person|someone|representative|operator)\b/i;
const STATUS = /\b(status|my tickets?|my requests?|my case|update on)\b/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

export type BotTurn = 'answered' | 'status' | 'asked_email' | 'handed_off' | 'no_answer' | 'silent';

/**
 * The first line: a visitor's message to a conversation still with the bot gets an answer from
 * public knowledge-base articles (when the best match scores at least the widget's threshold),
 * the status of the identified visitor's tickets, or a hand-off to a person. Every turn is a
 * message of its own, so the transcript shows what the bot said.
 */
export async function botReply(ctx: Context, conversationId: number, text: string): Promise<BotTurn> {
  const conversation = await repo.findConversation(ctx.db, conversationId);
  if (conversation?.status !== 'bot') return 'silent';
  const widget = await repo.findWidgetById(ctx.db, conversation.widget_id);
  if (HANDOFF.test(text)) {
    await postAs(ctx, conversationId, 'bot', 'Of course — I am passing you to a person now, with our conversation so far.');
    await handOff(ctx, conversationId);
    return 'handed_off';
  }
  if (STATUS.test(text) || (EMAIL.test(text) && !conversation.visitor_email)) {
    let email = conversation.visitor_email;
    const given = EMAIL.exec(text)?.[0]?.toLowerCase();
    if (!email && given) {
      email = given;
      await repo.updateConversation(ctx.db, conversationId, { visitor_email: email });
    }
    if (!email) {
      await postAs(ctx, conversationId, 'bot', 'I can look that up. What is the email address you wrote to us from?');
      return 'asked_email';
    }
    const tickets = await repo.openTicketsOfEmail(ctx.db, email);
    const lines = tickets.length
      ? tickets.map((t) => `#${t.id} "${t.subject}": ${t.status}`).join('\n')
      : `I found no requests from ${email}.`;
    await postAs(ctx, conversationId, 'bot', `Here is where your requests stand:\n${lines}\nType "agent" to talk to a person.`);
    return 'status';
  }
  const [best] = await searchKnowledgeBase(ctx, undefined, { q: text, limit: 1 });
  if (best && best.score >= widget.bot_threshold) {
    await postAs(
      ctx,
      conversationId,
      'bot',
      `This article may help: ${best.title} — ${best.snippet.replace(/<\/?mark>/g, '')} (${best.url})\nDid that answer it? Type "agent" to talk to a person.`,
    );
    return 'answered';
  }
  await postAs(ctx, conversationId, 'bot', 'I could not find an answer to that. Could you say more, or type "agent" to talk to a person?');
  return 'no_answer';
}
