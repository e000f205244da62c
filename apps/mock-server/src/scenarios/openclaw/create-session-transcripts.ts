import type { Random } from '../create-random';
import { uuidFrom, type Usage } from './create-session-rows';
import { FOLLOW_UPS, toolLinesFor, turnsFor } from './transcript-lines';

/**
 * A transcript message as `chat.history` answers it and `session.message`
 * carries it: pi's shapes (`user`, `assistant` with text and `toolCall`
 * blocks, `toolResult`), plus the gateway's `__openclaw: { id, seq }`.
 */
export type TranscriptMessage = Record<string, unknown> & {
  role: 'user' | 'assistant' | 'toolResult';
  timestamp: number;
  __openclaw: { id: string; seq: number };
};

export type ReplyEnd = 'stop' | 'aborted' | 'error';

export interface SessionTranscripts {
  /**
   * Earlier turns, as if the session had run before the gateway started (no
   * events); `addTurn` gives each answer its usage. Returns when the last one was.
   */
  seed(
    sessionKey: string,
    model: string | undefined,
    addTurn: (output: number) => Usage,
  ): number | undefined;
  /** A user's prompt that starts a run, and the answer the run will stream. */
  prompt(sessionKey: string): { message: TranscriptMessage; answer: string };
  /** A closing sentence, for a run that streams on after its answer. */
  followUp(): string;
  toolCall(
    sessionKey: string,
    callId: string,
    toolName: string,
    model: string | undefined,
  ): TranscriptMessage;
  toolResult(sessionKey: string, callId: string, toolName: string): TranscriptMessage;
  /** The run's answer as streamed: finished, cut short by an abort, or failed. */
  reply(
    sessionKey: string,
    text: string,
    model: string | undefined,
    end: ReplyEnd,
    usage: Usage,
  ): TranscriptMessage;
  /** The last `limit` messages, oldest first. */
  history(sessionKey: string, limit: number): readonly TranscriptMessage[];
  forget(sessionKey: string): void;
}

/** The gateway caps `chat.history` at 1000; a simulated session keeps fewer. */
const MAX_MESSAGES = 200;

function agentIdOf(sessionKey: string): string {
  return sessionKey.startsWith('agent:') ? (sessionKey.split(':')[1] ?? 'main') : 'main';
}

function modelParts(model: string | undefined): Record<string, string> {
  if (model === undefined) return {};
  const slash = model.indexOf('/');
  return slash < 0 ? { model } : { provider: model.slice(0, slash), model: model.slice(slash + 1) };
}

/** About four characters a token, as a tokenizer counts English. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}

/** Per-session transcripts of the simulated turns, bounded, deterministic for a seed. */
export function createSessionTranscripts(now: () => number, random: Random): SessionTranscripts {
  const transcripts = new Map<string, { messages: TranscriptMessage[]; seq: number }>();

  function append(
    sessionKey: string,
    message: Omit<TranscriptMessage, '__openclaw' | 'timestamp'>,
    at = now(),
  ): TranscriptMessage {
    let transcript = transcripts.get(sessionKey);
    if (transcript === undefined) {
      transcript = { messages: [], seq: 0 };
      transcripts.set(sessionKey, transcript);
    }
    transcript.seq += 1;
    const full = {
      ...message,
      timestamp: at,
      __openclaw: { id: uuidFrom(random), seq: transcript.seq },
    } as TranscriptMessage;
    transcript.messages.push(full);
    if (transcript.messages.length > MAX_MESSAGES) transcript.messages.shift();
    return full;
  }

  function text(value: string) {
    return [{ type: 'text', text: value }];
  }

  return {
    seed(sessionKey, model, addTurn) {
      if (sessionKey === 'global' || transcripts.has(sessionKey)) return undefined;
      const turns = turnsFor(agentIdOf(sessionKey));
      let at = now() - random.between(40, 90) * 60_000;
      let last: number | undefined;
      for (let count = random.between(1, 2); count > 0; count -= 1) {
        const { prompt, answer } = random.pick(turns);
        append(sessionKey, { role: 'user', content: text(prompt) }, at);
        at += random.between(4, 30) * 1000;
        append(
          sessionKey,
          {
            role: 'assistant',
            content: text(answer),
            ...modelParts(model),
            usage: addTurn(tokensOf(answer)),
            stopReason: 'stop',
          },
          at,
        );
        last = at;
        at += random.between(5, 20) * 60_000;
      }
      return last;
    },
    prompt(sessionKey) {
      const { prompt, answer } = random.pick(turnsFor(agentIdOf(sessionKey)));
      return { message: append(sessionKey, { role: 'user', content: text(prompt) }), answer };
    },
    followUp: () => random.pick(FOLLOW_UPS),
    toolCall(sessionKey, callId, toolName, model) {
      return append(sessionKey, {
        role: 'assistant',
        content: [
          { type: 'toolCall', id: callId, name: toolName, arguments: toolLinesFor(toolName).args },
        ],
        ...modelParts(model),
        stopReason: 'toolUse',
      });
    },
    toolResult(sessionKey, callId, toolName) {
      return append(sessionKey, {
        role: 'toolResult',
        toolCallId: callId,
        toolName,
        content: text(toolLinesFor(toolName).result),
        isError: false,
      });
    },
    reply(sessionKey, answer, model, end, usage) {
      return append(sessionKey, {
        role: 'assistant',
        content: answer === '' ? [] : text(answer),
        ...modelParts(model),
        usage,
        stopReason: end,
        ...(end === 'error' ? { errorMessage: 'provider overloaded (529)' } : {}),
      });
    },
    history(sessionKey, limit) {
      const messages = transcripts.get(sessionKey)?.messages ?? [];
      return messages.slice(-Math.max(1, limit));
    },
    forget(sessionKey) {
      transcripts.delete(sessionKey);
    },
  };
}
