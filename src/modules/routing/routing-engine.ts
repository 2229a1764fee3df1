import type { TicketPriority } from '../../db/schema.ts';
import { MaxHeap } from './max-heap.ts';

/**
 * The routing engine: pure, in memory, deterministic. It knows agents (presence, skills, groups,
 * capacity and load per channel) and waiting items, and answers two questions fast — "who should
 * take this item?" and "what should this agent take next?" — plus a full pass that assigns every
 * item it can. The service feeds it from the database and writes its answers back.
 */

export type ChannelClass = 'voice' | 'chat' | 'email';
export const channelClasses = ['voice', 'chat', 'email'] as const satisfies readonly ChannelClass[];

/** Capacity is counted per kind of work: calls, conversations (chat, messaging, social) and tickets (email, web, api). */
export function channelClassOf(channel: string): ChannelClass {
  if (channel === 'voice' || channel === 'phone') return 'voice';
  if (channel === 'chat' || channel === 'messaging' || channel === 'social') return 'chat';
  return 'email';
}

export interface RoutingWeights {
  /** points per priority step: P1 = 3 steps, P4 = 0 */
  priority: number;
  /** points per minute nearer the SLA deadline */
  sla: number;
  /** points for the top value tier (scaled down for lower tiers) */
  value: number;
  /** points per minute of waiting */
  wait: number;
}

export type TieBreak = 'least_loaded' | 'round_robin';

export interface EngineConfig {
  weights: RoutingWeights;
  tieBreak: TieBreak;
}

export interface RoutableAgent {
  id: number;
  tier: number | null;
  groupIds: readonly number[];
  skills: ReadonlyMap<string, number>;
  /** online: may receive work */
  available: boolean;
  capacity: Record<ChannelClass, number>;
  load: Record<ChannelClass, number>;
  /** epoch ms of the last assignment; 0 when never (longest idle first) */
  lastAssignedAt: number;
}

export interface RequiredSkill {
  name: string;
  min: number;
}

export interface WorkItem {
  id: number;
  channel: ChannelClass;
  groupId: number | null;
  tier: number;
  skills: readonly RequiredSkill[];
  priority: TicketPriority;
  /** 0..1: the customer's value tier, 1 for the top tier */
  value: number;
  /** top-tier customers go to their account owner first, then to the most proficient agents */
  topTier: boolean;
  ownerId: number | null;
  /** epoch ms */
  waitingSince: number;
  /** epoch ms of the SLA deadline (or the default target for the priority) */
  dueAt: number;
  /** agents who declined the item or let its offer time out */
  excluded?: readonly number[];
}

export interface Assignment {
  itemId: number;
  agentId: number;
  reason: 'account_owner' | 'senior' | 'best_available';
}

const priorityStep: Record<TicketPriority, number> = { p1: 3, p2: 2, p3: 1, p4: 0 };
const MINUTE = 60_000;

/**
 * The urgency of an item at `now` is static + (wait + sla weights) × now-in-minutes: every item's
 * score grows at the same rate, so the order never changes with time and a heap keyed by the static
 * part stays valid. `scoreAt` adds the time part back for display.
 */
export function staticKey(item: WorkItem, weights: RoutingWeights): number {
  return (
    weights.priority * priorityStep[item.priority] +
    weights.value * item.value -
    (weights.wait * item.waitingSince) / MINUTE -
    (weights.sla * item.dueAt) / MINUTE
  );
}

export function scoreAt(item: WorkItem, weights: RoutingWeights, now: number): number {
  return staticKey(item, weights) + ((weights.wait + weights.sla) * now) / MINUTE;
}

/** Higher key first; equal keys: the longer wait, then the lower id (determinism). */
function itemBefore(a: KeyedItem, b: KeyedItem): boolean {
  if (a.key !== b.key) return a.key > b.key;
  if (a.item.waitingSince !== b.item.waitingSince) return a.item.waitingSince < b.item.waitingSince;
  return a.item.id < b.item.id;
}

interface KeyedItem {
  key: number;
  item: WorkItem;
}

interface Bucket {
  signature: string;
  sample: WorkItem;
  heap: MaxHeap<KeyedItem>;
}

export function hasFreeCapacity(agent: RoutableAgent, channel: ChannelClass): boolean {
  return agent.load[channel] < agent.capacity[channel];
}

/** Group (or tier when the item has no group) and skills; presence and capacity are checked apart. */
function qualifies(agent: RoutableAgent, item: Pick<WorkItem, 'groupId' | 'tier' | 'skills'>): boolean {
  if (item.groupId !== null ? !agent.groupIds.includes(item.groupId) : agent.tier !== item.tier) return false;
  for (const skill of item.skills) if ((agent.skills.get(skill.name) ?? 0) < skill.min) return false;
  return true;
}

/** May this agent take this item right now? (The rule the property tests check against.) */
export function isEligible(agent: RoutableAgent, item: WorkItem): boolean {
  if (!agent.available || !hasFreeCapacity(agent, item.channel)) return false;
  if (item.excluded?.includes(agent.id)) return false;
  return agent.id === item.ownerId || qualifies(agent, item);
}

function proficiency(agent: RoutableAgent, item: WorkItem): number {
  let sum = 0;
  for (const skill of item.skills) sum += agent.skills.get(skill.name) ?? 0;
  return sum;
}

export class Router {
  private readonly agents = new Map<number, RoutableAgent>();
  private readonly byGroup = new Map<number, RoutableAgent[]>();
  private readonly byTier = new Map<number, RoutableAgent[]>();
  private readonly items = new Map<number, KeyedItem>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly ownerHeaps = new Map<number, MaxHeap<KeyedItem>>();

  constructor(readonly config: EngineConfig) {}

  addAgent(agent: RoutableAgent): void {
    if (this.agents.has(agent.id)) throw new Error(`agent ${agent.id} is already known`);
    this.agents.set(agent.id, agent);
    for (const groupId of agent.groupIds) push(this.byGroup, groupId, agent);
    if (agent.tier !== null) push(this.byTier, agent.tier, agent);
  }

  agent(id: number): RoutableAgent | undefined {
    return this.agents.get(id);
  }

  get waiting(): number {
    return this.items.size;
  }

  /** Adds a waiting item without routing it (see `offer` to route on arrival). */
  enqueue(item: WorkItem): void {
    const keyed = { key: staticKey(item, this.config.weights), item };
    this.items.set(item.id, keyed);
    const signature = signatureOf(item);
    let bucket = this.buckets.get(signature);
    if (!bucket) {
      bucket = { signature, sample: item, heap: new MaxHeap(itemBefore) };
      this.buckets.set(signature, bucket);
    }
    bucket.heap.push(keyed);
    if (item.ownerId !== null) {
      let heap = this.ownerHeaps.get(item.ownerId);
      if (!heap) {
        heap = new MaxHeap(itemBefore);
        this.ownerHeaps.set(item.ownerId, heap);
      }
      heap.push(keyed);
    }
  }

  remove(itemId: number): void {
    this.items.delete(itemId);
  }

  /** The best eligible agent for an item, or undefined when none is free. */
  bestAgentFor(item: WorkItem): Assignment | undefined {
    const owner = item.ownerId !== null ? this.agents.get(item.ownerId) : undefined;
    if (owner && isEligible(owner, item)) return { itemId: item.id, agentId: owner.id, reason: 'account_owner' };
    const pool = item.groupId !== null ? this.byGroup.get(item.groupId) : this.byTier.get(item.tier);
    if (!pool) return undefined;
    let best: RoutableAgent | undefined;
    let bestSkill = 0;
    for (const agent of pool) {
      if (!isEligible(agent, item)) continue;
      const skill = item.topTier ? proficiency(agent, item) : 0;
      if (!best || this.agentBefore(agent, skill, best, bestSkill, item.channel)) {
        best = agent;
        bestSkill = skill;
      }
    }
    return best ? { itemId: item.id, agentId: best.id, reason: item.topTier ? 'senior' : 'best_available' } : undefined;
  }

  private agentBefore(a: RoutableAgent, aSkill: number, b: RoutableAgent, bSkill: number, channel: ChannelClass): boolean {
    if (aSkill !== bSkill) return aSkill > bSkill;
    if (this.config.tieBreak === 'least_loaded') {
      // Compare load/capacity without dividing: a.load/a.cap < b.load/b.cap.
      const left = a.load[channel] * b.capacity[channel];
      const right = b.load[channel] * a.capacity[channel];
      if (left !== right) return left < right;
      const totalA = a.load.voice + a.load.chat + a.load.email;
      const totalB = b.load.voice + b.load.chat + b.load.email;
      if (totalA !== totalB) return totalA < totalB;
    }
    if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
    return a.id < b.id;
  }

  /** Pull mode: the most urgent waiting item this agent may take, or undefined. */
  nextItemFor(agentId: number): WorkItem | undefined {
    const agent = this.agents.get(agentId);
    if (!agent?.available) return undefined;
    let best: KeyedItem | undefined;
    const consider = (heap: MaxHeap<KeyedItem>) => {
      const head = this.headFor(heap, agent);
      if (head && (!best || itemBefore(head, best))) best = head;
    };
    for (const bucket of this.buckets.values()) {
      if (!hasFreeCapacity(agent, bucket.sample.channel) || !qualifies(agent, bucket.sample)) continue;
      consider(bucket.heap);
    }
    const owned = this.ownerHeaps.get(agentId);
    if (owned) consider(owned);
    return (best as KeyedItem | undefined)?.item;
  }

  /** The heap's best live item this agent may take; drops removed items on the way. */
  private headFor(heap: MaxHeap<KeyedItem>, agent: RoutableAgent): KeyedItem | undefined {
    for (;;) {
      const head = heap.peek();
      if (!head) return undefined;
      if (this.items.get(head.item.id) !== head) {
        heap.pop();
        continue;
      }
      if (isEligible(agent, head.item)) return head;
      // Rare: the head excludes this agent (declined) or needs another channel. Look further.
      let found: KeyedItem | undefined;
      for (const entry of heap.entries()) {
        if (this.items.get(entry.item.id) === entry && isEligible(agent, entry.item) && (!found || itemBefore(entry, found))) found = entry;
      }
      return found;
    }
  }

  /** Records an assignment: the item leaves the queue and counts against the agent's capacity. */
  commit(assignment: Assignment, now: number): void {
    const keyed = this.items.get(assignment.itemId);
    const agent = this.agents.get(assignment.agentId);
    if (!keyed || !agent) throw new Error(`cannot assign item ${assignment.itemId} to agent ${assignment.agentId}`);
    this.items.delete(assignment.itemId);
    agent.load[keyed.item.channel] += 1;
    agent.lastAssignedAt = now;
  }

  /** A piece of work ended (solved, moved, unassigned): the agent has that capacity again. Call `fill` next. */
  release(agentId: number, channel: ChannelClass): void {
    const agent = this.agents.get(agentId);
    if (agent && agent.load[channel] > 0) agent.load[channel] -= 1;
  }

  /** Presence changed; call `fill` after an agent becomes available. */
  setAvailable(agentId: number, available: boolean): void {
    const agent = this.agents.get(agentId);
    if (agent) agent.available = available;
  }

  /** Routes an arriving item: assigns it at once when an agent is free, else queues it. */
  offer(item: WorkItem, now: number): Assignment | undefined {
    this.enqueue(item);
    const assignment = this.bestAgentFor(item);
    if (assignment) this.commit(assignment, now);
    return assignment;
  }

  /** An agent freed capacity or came online: fills their free capacity from the queue. */
  fill(agentId: number, now: number): Assignment[] {
    const made: Assignment[] = [];
    for (;;) {
      const item = this.nextItemFor(agentId);
      if (!item) return made;
      const assignment: Assignment = {
        itemId: item.id,
        agentId,
        reason: item.ownerId === agentId ? 'account_owner' : item.topTier ? 'senior' : 'best_available',
      };
      this.commit(assignment, now);
      made.push(assignment);
    }
  }

  /**
   * Assigns every waiting item that has an eligible agent, most urgent first. Once no agent can take
   * a kind of item (same channel, group and skills), the rest of that kind is skipped: capacity only
   * shrinks during a pass.
   */
  routeAll(now: number): Assignment[] {
    const ordered = [...this.items.values()].sort((a, b) => (itemBefore(a, b) ? -1 : 1));
    const exhausted = new Set<string>();
    const made: Assignment[] = [];
    for (const { item } of ordered) {
      const signature = signatureOf(item);
      const plain = item.ownerId === null && !item.excluded?.length;
      if (plain && exhausted.has(signature)) continue;
      const assignment = this.bestAgentFor(item);
      if (!assignment) {
        if (plain) exhausted.add(signature);
        continue;
      }
      this.commit(assignment, now);
      made.push(assignment);
    }
    return made;
  }

  /** The waiting items, most urgent first, with their score at `now`. */
  queue(now: number): { item: WorkItem; score: number }[] {
    return [...this.items.values()]
      .sort((a, b) => (itemBefore(a, b) ? -1 : 1))
      .map(({ item }) => ({ item, score: scoreAt(item, this.config.weights, now) }));
  }
}

/** Items with the same signature are eligible for exactly the same agents (owners and exclusions aside). */
function signatureOf(item: WorkItem): string {
  const skills = item.skills.map((s) => `${s.name}>=${s.min}`).sort();
  return `${item.channel}|${item.groupId ?? `t${item.tier}`}|${skills.join(',')}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
