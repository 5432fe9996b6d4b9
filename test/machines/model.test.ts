import { describe, it, expect, beforeAll } from 'vitest';
import {
  getNextTransitions,
  transition,
  type AnyStateNode,
  type AnyTransitionDefinition,
} from 'xstate';
import { runMachine } from '../../machines/run-machine';
import type { RunEvent } from '../../machines/events';
import { envelopeOf, restoreSnapshot, type RunSnapshot } from '../../src/engine/snapshots';
import { canonicalJson } from '../../src/engine/hash';
import { exploreEdges } from '../support/model';

type Edge = { state: RunSnapshot; event: RunEvent; next: RunSnapshot };
let graph: { states: RunSnapshot[]; edges: Edge[] };

// Exploring every reachable state takes seconds; more on a busy machine.
beforeAll(() => {
  graph = exploreEdges();
}, 60_000);

function allNodes(node: AnyStateNode = runMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child))];
}

/** Transient nodes are passed through within one step and never rest in a snapshot. */
const isTransient = (node: AnyStateNode) => node.key === 'router' || node.key === 'route';

/** The transition XState takes for this event: the first enabled one, as the algorithm picks. */
function takenTransitions(state: RunSnapshot, event: RunEvent): AnyTransitionDefinition[] {
  const guards = runMachine.implementations.guards as Record<
    string,
    (a: unknown, p: unknown) => boolean
  >;
  const enabled = (t: AnyTransitionDefinition) => {
    const guard = t.guard as { type: string; params?: unknown } | string | undefined;
    if (guard === undefined) return true;
    const { type, params } = typeof guard === 'string' ? { type: guard, params: undefined } : guard;
    const fn = guards[type];
    if (!fn) throw new Error(`unknown guard ${type}`);
    return fn({ context: state.context, event }, params);
  };
  const taken = new Map<AnyStateNode, AnyTransitionDefinition>();
  const candidates = getNextTransitions(state).filter((t) => t.eventType === event.type);
  for (const t of candidates) {
    // One transition per atomic state; a parent's transition is shadowed once a child's is taken.
    if (
      ![...taken.values()].some((x) => x.source === t.source || isDescendant(x.source, t.source)) &&
      enabled(t)
    ) {
      taken.set(t.source, t);
    }
  }
  return [...taken.values()];
}

function isDescendant(node: AnyStateNode, ancestor: AnyStateNode): boolean {
  for (let n: AnyStateNode | undefined = node.parent; n; n = n.parent)
    if (n === ancestor) return true;
  return false;
}

describe('model-based coverage of the run machine', () => {
  it('reaches every state of the machine', () => {
    const reached = new Set(graph.states.flatMap((s) => [...s._nodes].map((n) => n.id)));
    const unreached = allNodes()
      .filter((n) => !isTransient(n) && !reached.has(n.id))
      .map((n) => n.id);
    expect(unreached).toEqual([]);
  });

  it('takes every event transition of the machine', () => {
    const declared = allNodes().flatMap((node) => Object.values(node.on).flat());
    const taken = new Set(graph.edges.flatMap((e) => takenTransitions(e.state, e.event)));
    const untaken = declared
      .filter((t) => !taken.has(t))
      .map((t) => `${t.source.id} on ${t.eventType} (${JSON.stringify(t.guard)})`);
    expect(untaken).toEqual([]);
  });

  it('explores a graph of well over a thousand distinct situations', () => {
    expect(graph.states.length).toBeGreaterThan(1000);
  });
});

describe('rehydration', () => {
  it('continues identically after persist → JSON → restore, from every reachable state', () => {
    // One accepted event out of every reachable state: restore cost is per state, not per edge.
    const firstEdge = new Map<RunSnapshot, Edge>();
    for (const edge of graph.edges) if (!firstEdge.has(edge.state)) firstEdge.set(edge.state, edge);
    let checked = 0;
    for (const { state, event, next } of firstEdge.values()) {
      const json = JSON.parse(JSON.stringify(envelopeOf(state, '2024-07-01T00:00:00.000Z')));
      const restored = restoreSnapshot(state.context.runId, json);
      const [continued] = transition(runMachine, restored, event);
      expect(canonicalJson(runMachine.getPersistedSnapshot(continued))).toBe(
        canonicalJson(runMachine.getPersistedSnapshot(next)),
      );
      checked += 1;
    }
    expect(checked).toBe(firstEdge.size);
    expect(checked).toBeGreaterThan(1000);
  });
});
