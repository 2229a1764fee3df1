import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';

/* Shapes of the channel endpoints (see /api/v1/openapi.json). */

export interface SupportAddress {
  id: number;
  email: string;
  name: string;
  group_id: number | null;
  active: boolean;
}

export interface Mailbox {
  id: number;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  folder: string;
  processed_folder: string | null;
  support_address_id: number | null;
  active: boolean;
  last_uid: number;
  last_polled_at: string | null;
  last_error: string | null;
}

export type MessagingKind = 'whatsapp' | 'sms' | 'messenger' | 'generic';

export interface MessagingConnection {
  id: number;
  name: string;
  kind: MessagingKind;
  outbound_url: string | null;
  join_window_minutes: number;
  group_id: number | null;
  active: boolean;
  inbound_url: string;
  secret?: string;
}

export type InboundStatus = 'received' | 'processed' | 'ignored' | 'failed';

export interface InboundEmail {
  id: number;
  source: 'smtp' | 'imap';
  mail_from: string | null;
  rcpt_to: string[];
  message_id: string | null;
  subject: string | null;
  size_bytes: number;
  status: InboundStatus;
  flag: string | null;
  error: string | null;
  ticket_id: number | null;
  received_at: string;
}

const keys = {
  addresses: ['channels', 'support-addresses'] as const,
  mailboxes: ['channels', 'mailboxes'] as const,
  connections: ['channels', 'messaging-connections'] as const,
  inbound: (status: string) => ['channels', 'inbound-emails', status] as const,
};

export function useSupportAddresses() {
  return useQuery({
    queryKey: keys.addresses,
    queryFn: ({ signal }) => api.get<{ data: SupportAddress[] }>('/api/v1/channels/support-addresses', undefined, signal),
    select: (page) => page.data,
  });
}

export function useMailboxes() {
  return useQuery({
    queryKey: keys.mailboxes,
    queryFn: ({ signal }) => api.get<{ data: Mailbox[] }>('/api/v1/channels/mailboxes', undefined, signal),
    select: (page) => page.data,
  });
}

export function useConnections() {
  return useQuery({
    queryKey: keys.connections,
    queryFn: ({ signal }) => api.get<{ data: MessagingConnection[] }>('/api/v1/channels/messaging-connections', undefined, signal),
    select: (page) => page.data,
  });
}

export function useInboundEmails(status: InboundStatus | 'all') {
  return useQuery({
    queryKey: keys.inbound(status),
    queryFn: ({ signal }) =>
      api.get<Page<InboundEmail>>('/api/v1/channels/inbound-emails', { limit: 100, ...(status === 'all' ? {} : { status }) }, signal),
  });
}

/** Create (no id) or update (id) one of the channel settings, then refresh its list. */
function useSave<Input, Output>(path: string, key: readonly string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Input & { id?: number }) =>
      id ? api.patch<Output>(`${path}/${id}`, input) : api.post<Output>(path, input),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

function useRemove(path: string, key: readonly string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`${path}/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export const useSaveAddress = () => useSave<Partial<SupportAddress>, SupportAddress>('/api/v1/channels/support-addresses', keys.addresses);
export const useRemoveAddress = () => useRemove('/api/v1/channels/support-addresses', keys.addresses);
export const useSaveMailbox = () =>
  useSave<Partial<Omit<Mailbox, 'id'>> & { password?: string }, Mailbox>('/api/v1/channels/mailboxes', keys.mailboxes);
export const useRemoveMailbox = () => useRemove('/api/v1/channels/mailboxes', keys.mailboxes);
export const useSaveConnection = () =>
  useSave<Partial<Omit<MessagingConnection, 'id' | 'inbound_url' | 'secret'>>, MessagingConnection>(
    '/api/v1/channels/messaging-connections',
    keys.connections,
  );
export const useRemoveConnection = () => useRemove('/api/v1/channels/messaging-connections', keys.connections);

export function useRotateSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<MessagingConnection>(`/api/v1/channels/messaging-connections/${id}/rotate-secret`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.connections }),
  });
}

export function useReprocess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<InboundEmail>(`/api/v1/channels/inbound-emails/${id}/reprocess`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['channels', 'inbound-emails'] }),
  });
}
