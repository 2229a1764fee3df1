/**
 * The chat widget: a site embeds it with `<script src="https://support.example.com/widget.js" async></script>`
 * (optionally `data-widget="key"`). No framework, no dependencies; it talks to the server it was
 * loaded from. The visitor keeps one token in localStorage, so a chat survives page changes and
 * later visits. Messages carry their own id and are resent until acknowledged; the server numbers
 * them per conversation, so after a dropped connection the widget asks for everything after the
 * last number it has and shows nothing twice.
 */

interface Message {
  seq: number;
  author: 'visitor' | 'agent' | 'bot' | 'system';
  body: string;
  client_id: string | null;
}
interface Conversation {
  id: number;
  status: 'bot' | 'queued' | 'active' | 'ended';
}
interface Pending {
  client_id: string;
  body: string;
}

const script = document.currentScript as HTMLScriptElement | null;
const origin = script ? new URL(script.src, location.href).origin : location.origin;
const widgetKey = script?.dataset.widget ?? 'default';
const store = {
  get: (k: string) => localStorage.getItem(`frontline-chat:${k}`),
  set: (k: string, v: string) => localStorage.setItem(`frontline-chat:${k}`, v),
  drop: (k: string) => localStorage.removeItem(`frontline-chat:${k}`),
};

const css = `
.flc-launch{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;background:#1c7ed6;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px #0003}
.flc-panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:min(360px,calc(100vw - 24px));height:min(520px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;color:#212529;border-radius:12px;box-shadow:0 8px 30px #0004;font:14px/1.4 system-ui,sans-serif;overflow:hidden}
.flc-head{padding:12px 14px;background:#1c7ed6;color:#fff;font-weight:600;display:flex;justify-content:space-between;align-items:center;gap:8px}
.flc-head button{background:#fff2;border:0;color:#fff;border-radius:6px;padding:4px 8px;cursor:pointer;font:inherit;font-size:12px}
.flc-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:6px}
.flc-m{max-width:80%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}
.flc-visitor{align-self:flex-end;background:#1c7ed6;color:#fff}.flc-agent,.flc-bot{align-self:flex-start;background:#f1f3f5}
.flc-system{align-self:center;color:#868e96;font-size:12px}.flc-pending{opacity:.6}
.flc-status{padding:0 12px;min-height:18px;font-size:12px;color:#868e96}
.flc-form{display:flex;flex-direction:column;gap:8px;padding:14px}
.flc-form input,.flc-form textarea,.flc-send input{border:1px solid #ced4da;border-radius:6px;padding:8px;font:inherit}
.flc-form button,.flc-send button{border:0;border-radius:6px;padding:8px 12px;background:#1c7ed6;color:#fff;font:inherit;cursor:pointer}
.flc-send{display:flex;gap:6px;padding:10px;border-top:1px solid #e9ecef}.flc-send input{flex:1}
.flc-stars{display:flex;gap:6px;justify-content:center}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { 'x-chat-token': token } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((data as { detail?: string }).detail ?? `HTTP ${response.status}`);
  return data as T;
}

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

class ChatWidget {
  private panel = el('div', { class: 'flc-panel', role: 'dialog', 'aria-label': 'Chat' });
  private head = el('div', { class: 'flc-head' });
  private body = el('div');
  private log = el('div', { class: 'flc-log', 'aria-live': 'polite' });
  private status = el('div', { class: 'flc-status' });
  private socket: WebSocket | undefined;
  private token = store.get('token') ?? undefined;
  private conversation: Conversation | undefined;
  private lastSeq = 0;
  private seen = new Map<number, HTMLElement>();
  private pending: Pending[] = [];
  private retry = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;

  constructor() {
    const style = el('style', {}, css);
    const launch = el('button', { class: 'flc-launch', 'aria-label': 'Open chat' }, 'Chat with us');
    this.panel.hidden = true;
    this.panel.append(this.head, this.body);
    launch.onclick = () => {
      this.panel.hidden = !this.panel.hidden;
      if (!this.panel.hidden) void this.open();
    };
    document.body.append(style, launch, this.panel);
    if (store.get('open') === '1') {
      this.panel.hidden = false;
      void this.open();
    }
  }

  private header(title: string, actions: [string, () => void][] = []) {
    this.head.replaceChildren(el('span', {}, title));
    const box = el('span');
    for (const [label, run] of actions) {
      const b = el('button', {}, label);
      b.onclick = run;
      box.append(b);
    }
    this.head.append(box);
  }

  private async open(): Promise<void> {
    const conversationId = Number(store.get('conversation') ?? 0);
    if (conversationId && this.token && this.conversation?.id !== conversationId) {
      try {
        const started = await call<{ token: string; conversation: Conversation; resumed: boolean }>('POST', '/api/v1/chat/conversations', { widget: widgetKey, token: this.token });
        if (started.resumed) return this.chat(started.conversation);
      } catch {
        /* falls through to the form */
      }
    }
    if (this.conversation) return;
    const widget = await call<{ name: string; online: boolean; bot_enabled: boolean }>('GET', `/api/v1/chat/widgets/${widgetKey}`);
    if (!widget.online && !widget.bot_enabled) return this.offlineForm();
    this.preChatForm();
  }

  private form(fields: [string, string, string][], submit: string, onSubmit: (values: Record<string, string>) => Promise<void>) {
    const form = el('form', { class: 'flc-form' });
    for (const [name, label, type] of fields) {
      const input = type === 'textarea' ? el('textarea', { name, 'aria-label': label, placeholder: label, rows: '4' }) : el('input', { name, type, 'aria-label': label, placeholder: label });
      form.append(input);
    }
    const button = el('button', { type: 'submit' }, submit);
    const error = el('div', { class: 'flc-status', role: 'alert' });
    form.append(button, error);
    form.onsubmit = (event) => {
      event.preventDefault();
      const values: Record<string, string> = {};
      for (const [k, v] of new FormData(form)) if (String(v).trim()) values[k] = String(v).trim();
      button.disabled = true;
      onSubmit(values).catch((e: Error) => {
        error.textContent = e.message;
        button.disabled = false;
      });
    };
    this.body.replaceChildren(form);
  }

  private preChatForm() {
    this.header('Chat with us');
    this.form(
      [
        ['name', 'Your name', 'text'],
        ['email', 'Email (optional)', 'email'],
        ['topic', 'Topic', 'text'],
      ],
      'Start chat',
      async (values) => {
        const started = await call<{ token: string; conversation: Conversation }>('POST', '/api/v1/chat/conversations', {
          widget: widgetKey,
          ...(this.token ? { token: this.token } : {}),
          ...values,
        });
        this.token = started.token;
        store.set('token', started.token);
        this.chat(started.conversation);
      },
    );
  }

  private offlineForm() {
    this.header('Leave us a message');
    this.form(
      [
        ['name', 'Your name', 'text'],
        ['email', 'Email', 'email'],
        ['topic', 'Topic', 'text'],
        ['message', 'Your message', 'textarea'],
      ],
      'Send',
      async (values) => {
        const created = await call<{ ticket_id: number }>('POST', '/api/v1/chat/offline', { widget: widgetKey, ...values });
        this.body.replaceChildren(el('p', { class: 'flc-form' }, `Thank you. Nobody is available right now; we answer by email (request #${created.ticket_id}).`));
      },
    );
  }

  private chat(conversation: Conversation) {
    this.conversation = conversation;
    store.set('conversation', String(conversation.id));
    store.set('open', '1');
    this.lastSeq = 0;
    this.pending = JSON.parse(store.get(`pending:${conversation.id}`) ?? '[]') as Pending[];
    this.header('Chat', [
      ['Email transcript', () => void this.transcript()],
      ['End', () => void this.end()],
    ]);
    const send = el('form', { class: 'flc-send' });
    const input = el('input', { 'aria-label': 'Message', placeholder: 'Type a message…', maxlength: '2000' });
    send.append(input, el('button', { type: 'submit' }, 'Send'));
    input.oninput = () => {
      if (Date.now() - this.lastTypingSent > 2000) {
        this.lastTypingSent = Date.now();
        this.raw({ type: 'typing' });
      }
    };
    send.onsubmit = (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      const item = { client_id: newId(), body: text };
      this.pending.push(item);
      this.savePending();
      this.draw({ seq: 0, author: 'visitor', body: text, client_id: item.client_id }, true);
      this.raw({ type: 'message', ...item });
    };
    this.log.replaceChildren();
    this.seen.clear();
    for (const p of this.pending) this.draw({ seq: 0, author: 'visitor', body: p.body, client_id: p.client_id }, true);
    this.body.replaceChildren(this.log, this.status, send);
    this.body.style.cssText = 'display:flex;flex-direction:column;flex:1;min-height:0';
    this.connect();
  }

  private savePending() {
    if (this.conversation) store.set(`pending:${this.conversation.id}`, JSON.stringify(this.pending));
  }

  private raw(message: unknown) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private connect() {
    const conversation = this.conversation;
    if (!conversation || !this.token) return;
    const url = `${origin.replace(/^http/, 'ws')}/api/v1/chat/visitor?conversation=${conversation.id}&token=${encodeURIComponent(this.token)}&after_seq=${this.lastSeq}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.status.textContent = '';
      // Everything not yet acknowledged goes again; the server answers a repeat with the first copy.
      for (const p of this.pending) this.raw({ type: 'message', ...p });
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)));
    socket.onclose = () => {
      if (this.socket !== socket || this.conversation?.status === 'ended') return;
      this.status.textContent = 'Reconnecting…';
      const delay = Math.min(10_000, 250 * 2 ** this.retry++);
      setTimeout(() => this.connect(), delay);
    };
  }

  /** Drops the connection as a network failure would (used by tests and by the page's own code). */
  drop() {
    this.socket?.close();
  }

  private receive(event: any) {
    if (event.kind === 'message') {
      const m = event.message as Message;
      if (m.seq <= this.lastSeq && this.seen.has(m.seq)) return;
      if (m.seq > this.lastSeq + 1) this.raw({ type: 'resume', after_seq: this.lastSeq });
      this.lastSeq = Math.max(this.lastSeq, m.seq);
      if (m.author === 'visitor' && m.client_id) this.settle(m.client_id);
      this.draw(m, false);
      if (m.author !== 'visitor' && !this.panel.hidden) this.raw({ type: 'read', seq: m.seq });
      this.status.textContent = '';
    } else if (event.kind === 'ack') {
      this.settle(event.client_id);
    } else if (event.kind === 'typing') {
      this.status.textContent = 'Agent is typing…';
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => (this.status.textContent = ''), 4000);
    } else if (event.kind === 'read') {
      this.status.textContent = 'Seen';
    } else if (event.kind === 'conversation' || event.kind === 'hello') {
      if (this.conversation) this.conversation.status = event.conversation.status;
      if (event.conversation.status === 'ended') this.ended();
    }
  }

  private settle(clientId: string) {
    this.pending = this.pending.filter((p) => p.client_id !== clientId);
    this.savePending();
    this.log.querySelector(`[data-client="${clientId}"].flc-pending`)?.remove();
  }

  private draw(m: Message, pending: boolean) {
    if (!pending && this.seen.has(m.seq)) return;
    const node = el('div', { class: `flc-m flc-${m.author}${pending ? ' flc-pending' : ''}`, 'data-seq': String(m.seq), ...(m.client_id ? { 'data-client': m.client_id } : {}) }, m.body);
    if (!pending) {
      this.seen.set(m.seq, node);
      // Keep order by seq even if a late resend fills a gap.
      const after = [...this.log.querySelectorAll<HTMLElement>('[data-seq]')].find((n) => Number(n.dataset.seq) > m.seq || n.classList.contains('flc-pending'));
      this.log.insertBefore(node, after ?? null);
    } else this.log.append(node);
    this.log.scrollTop = this.log.scrollHeight;
  }

  private async transcript() {
    if (!this.conversation || !this.token) return;
    const email = prompt('Send the transcript to which email address?');
    if (!email) return;
    await call('POST', `/api/v1/chat/conversations/${this.conversation.id}/transcript`, { email }, this.token).catch(() => undefined);
    this.status.textContent = `Transcript sent to ${email}.`;
  }

  private async end() {
    if (!this.conversation || !this.token) return;
    if (this.conversation.status !== 'ended') await call('POST', `/api/v1/chat/conversations/${this.conversation.id}/visitor-end`, undefined, this.token).catch(() => undefined);
    this.ended();
  }

  private ended() {
    const conversation = this.conversation;
    if (!conversation || !this.token || this.body.querySelector('.flc-stars')) return;
    conversation.status = 'ended';
    store.drop('conversation');
    store.drop('open');
    this.socket?.close();
    const token = this.token;
    const box = el('div', { class: 'flc-form' }, 'How did we do?');
    const stars = el('div', { class: 'flc-stars' });
    for (let score = 1; score <= 5; score++) {
      const b = el('button', { type: 'button', 'aria-label': `Rate ${score} of 5` }, `${score}★`);
      b.onclick = () =>
        void call('POST', `/api/v1/chat/conversations/${conversation.id}/csat`, { score }, token).then(() => box.replaceChildren('Thank you for your rating.'));
      stars.append(b);
    }
    box.append(stars);
    this.body.querySelector('.flc-send')?.replaceWith(box);
  }
}

if (!(window as { frontlineChat?: unknown }).frontlineChat) {
  const start = () => ((window as { frontlineChat?: unknown }).frontlineChat = new ChatWidget());
  if (document.body) start();
  else addEventListener('DOMContentLoaded', start);
}
