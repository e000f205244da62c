import { isRunningState } from '@session-heartbeat/core';
import type { BlockSource, RunEffect } from './run-effects';
import type { RunRecord, RunRegistry } from './run-registry';
import type { SessionDriver, BridgeSessionMemory } from './session-driver';

export interface RunEffectContext {
  run: RunRecord;
  record: BridgeSessionMemory;
  effect: Exclude<RunEffect, { kind: 'none' | 'unknown_stream' | 'unknown_phase' }>;
  /** When it happened (gateway clock). */
  at: number;
  driver: SessionDriver;
  runs: RunRegistry;
}

function last<K, V>(map: ReadonlyMap<K, V>): [K, V] | undefined {
  let entry: [K, V] | undefined;
  for (const item of map) entry = item;
  return entry;
}

/** The run drives its session from now on; a run it replaces is over. */
function takeOver({ run, record, runs }: RunEffectContext): void {
  if (record.activeRunId === run.runId) return;
  if (record.activeRunId !== undefined) {
    const previous = runs.get(record.activeRunId);
    if (previous !== undefined) runs.end(previous, 'superseded');
  }
  record.activeRunId = run.runId;
  record.busyFromRow = false;
}

/** Where a run's tools leave the session: waiting on a person, a tool still running, or the model. */
function settleTools(context: RunEffectContext): boolean {
  const { run, driver } = context;
  const turnId = run.runId;
  const block = last(run.blocks);
  if (block !== undefined)
    return driver.move(run.sessionKey, 'tool_wait', { toolName: block[1], turnId });
  const tool = last(run.openTools);
  if (tool !== undefined)
    return driver.move(run.sessionKey, 'tool_exec', { toolName: tool[1], turnId });
  return driver.move(run.sessionKey, 'awaiting_model', { turnId });
}

/**
 * Drops the blocks that hold up `toolCallId`, except those reported by
 * `keep`: another approval of the same call still waits on a person.
 */
function dropBlocksOf(run: RunRecord, toolCallId: string | undefined, keep?: BlockSource): void {
  if (toolCallId === undefined) return;
  for (const [blockId, block] of run.blockTools) {
    if (block.toolCallId === toolCallId && block.by !== keep) {
      run.blocks.delete(blockId);
      run.blockTools.delete(blockId);
    }
  }
}

/**
 * Frees the tool call a block held up: back to `tool_exec` of its tool, or
 * to whatever else still holds the run. False if the block is not known.
 */
function unblock(context: RunEffectContext, by: BlockSource, blockId: string): boolean {
  const { run, record, driver } = context;
  if (!run.blocks.has(blockId)) return false;
  const key = run.sessionKey;
  const toolName = run.blocks.get(blockId) ?? driver.toolName(key);
  const callId = run.blockTools.get(blockId)?.toolCallId;
  run.blocks.delete(blockId);
  run.blockTools.delete(blockId);
  // An approval and the item it blocked resolve together; an item that
  // runs was approved. Another approval of the same call (asked again
  // after the first expired) still waits.
  dropBlocksOf(run, callId, by === 'approval' ? 'approval' : undefined);
  if (record.activeRunId !== run.runId || driver.state(key) !== 'tool_wait') return true;
  if (run.blocks.size > 0) settleTools(context);
  else driver.move(key, 'tool_exec', { toolName, turnId: run.runId });
  return true;
}

/**
 * Applies one run effect to the run's session (see the README's mapping).
 * Returns whether it moved or confirmed the session's state.
 */
export function applyRunEffect(context: RunEffectContext): boolean {
  const { run, record, effect, at, driver, runs } = context;
  const key = run.sessionKey;
  const turnId = run.runId;
  switch (effect.kind) {
    case 'start':
    case 'startup':
      takeOver(context);
      driver.move(key, 'awaiting_model', { turnId });
      return true;
    case 'token': {
      takeOver(context);
      const tokenAt = effect.at ?? at;
      const state = driver.state(key);
      if (state === 'streaming' && driver.turnId(key) === turnId) return driver.token(key, tokenAt);
      const sameTurn =
        driver.turnId(key) === turnId && state !== undefined && isRunningState(state);
      // Within a turn the token goes first, so the transition's heartbeat carries it;
      // a new turn forgets earlier tokens, so there it goes after.
      if (sameTurn) driver.token(key, tokenAt);
      driver.move(key, 'streaming', { turnId });
      if (!sameTurn) driver.token(key, tokenAt);
      return true;
    }
    case 'tool_start': {
      takeOver(context);
      const callId = effect.toolCallId ?? `call-${run.openTools.size + 1}`;
      run.openTools.set(callId, effect.toolName);
      if (effect.toolName !== undefined && effect.fingerprint !== undefined) {
        driver.toolCall(key, effect.toolName, effect.fingerprint, turnId);
      } else {
        driver.move(key, 'tool_exec', { toolName: effect.toolName, turnId });
      }
      return true;
    }
    case 'tool_result': {
      takeOver(context);
      const callId = effect.toolCallId ?? last(run.openTools)?.[0];
      if (callId !== undefined) run.openTools.delete(callId);
      // A tool that returns (approved, denied or failed) waits on nobody any more.
      dropBlocksOf(run, callId);
      // Tokens after the tool started mean the model moved on already.
      if (driver.state(key) === 'streaming') return true;
      settleTools(context);
      return true;
    }
    case 'blocked': {
      takeOver(context);
      const state = driver.state(key);
      const toolName =
        effect.toolName ??
        (effect.toolCallId === undefined ? undefined : run.openTools.get(effect.toolCallId)) ??
        (state === 'tool_exec' || state === 'tool_wait' ? driver.toolName(key) : undefined) ??
        last(run.openTools)?.[1];
      run.blocks.set(effect.blockId, toolName);
      if (effect.toolCallId !== undefined) {
        run.blockTools.set(effect.blockId, { toolCallId: effect.toolCallId, by: effect.by });
      }
      driver.move(key, 'tool_wait', { toolName, turnId });
      return true;
    }
    case 'unblocked':
      return unblock(context, effect.by, effect.blockId);
    case 'progress': {
      // Only the run that drives the session speaks for it (an older one was superseded).
      if (record.activeRunId !== undefined && record.activeRunId !== turnId) return false;
      const unblocked = effect.unblocks !== undefined && unblock(context, 'item', effect.unblocks);
      // Progress emits nothing by itself; the next heartbeat carries it.
      return driver.progress(key, at, effect.activity) || unblocked;
    }
    case 'end': {
      const shows = record.activeRunId === turnId || record.activeRunId === undefined;
      runs.end(run, effect.outcome);
      if (!shows) return false;
      record.activeRunId = undefined;
      record.busyFromRow = false;
      record.lastEndedAt = at;
      driver.move(key, 'complete', { turnId });
      return true;
    }
    default:
      return effect satisfies never;
  }
}
