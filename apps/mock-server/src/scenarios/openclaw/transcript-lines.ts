/**
 * What the simulated sessions say: a user's prompts and the agent's answers
 * per agent id, and what each tool is called with and answers. Only words
 * for the Chat view; the turns' timing comes from the scripts.
 */

/** One exchange: what the user asks, and what the agent answers. */
export interface Turn {
  prompt: string;
  answer: string;
}

const GENERIC: readonly Turn[] = [
  {
    prompt: 'What changed since this morning?',
    answer: 'Nothing urgent: two routine updates, both done.',
  },
  { prompt: 'Give me a short status.', answer: 'All quiet; no action needed.' },
];

export const AGENT_TURNS: Readonly<Record<string, readonly Turn[]>> = {
  main: [
    {
      prompt: 'Summarize my unread email.',
      answer:
        'Three threads need you: the invoice from Acme, the offsite agenda and a PR review request.',
    },
    {
      prompt: 'What is on my calendar tomorrow?',
      answer: 'Tomorrow: standup at 9:30, design review at 14:00, and the dentist at 17:15.',
    },
    {
      prompt: 'Draft a reply to Sam about the offsite.',
      answer: 'Drafted: “Thanks Sam, Thursday works; I will bring the roadmap slides.” Send it?',
    },
  ],
  ops: [
    {
      prompt: 'Is the nightly deploy healthy?',
      answer: 'The deploy finished at 02:14; error rate is back to 0.2 %, latency p95 180 ms.',
    },
    {
      prompt: 'Restart the api pods if the error rate is still up.',
      answer: 'Error rate was 4 %: I restarted deploy/api, and it is back under 0.5 %.',
    },
    {
      prompt: 'Check disk usage on the build hosts.',
      answer: 'build-1 is at 71 %, build-2 at 88 %: I pruned old images on build-2 (now 54 %).',
    },
  ],
  research: [
    {
      prompt: 'Find recent papers on long-context retrieval.',
      answer:
        'Four papers from this quarter stand out; the most cited is on hierarchical chunking.',
    },
    {
      prompt: 'Compare the three vector databases we shortlisted.',
      answer: 'For our scale the second option wins on cost; the first on recall. Table attached.',
    },
  ],
  local: [
    {
      prompt: 'Explain this stack trace.',
      answer: 'The null comes from the config loader: the env var is read before dotenv runs.',
    },
    {
      prompt: 'Rewrite the README intro, shorter.',
      answer: 'Done: the intro is now three sentences and keeps the install command first.',
    },
  ],
  build: [
    {
      prompt: 'Run the test suite and fix what fails.',
      answer: 'Two tests failed on a timezone assumption; fixed, and the suite is green.',
    },
    {
      prompt: 'Bump the dependencies and rebuild.',
      answer: 'Updated 14 packages; the build passes and the bundle is 2 kB smaller.',
    },
  ],
  support: [
    {
      prompt: 'My order has not arrived.',
      answer: 'Your parcel left the depot this morning and should arrive by 18:00.',
    },
    {
      prompt: 'How do I reset my password?',
      answer: 'I sent a reset link to the address on file; it is valid for 30 minutes.',
    },
  ],
};

/**
 * What an answer goes on with when a run streams longer than it: short
 * closing sentences, as an agent adds.
 */
export const FOLLOW_UPS: readonly string[] = [
  'I will keep an eye on it.',
  'Tell me if you want the details.',
  'The full log is in the workspace.',
  'Nothing else stands out.',
  'I can do the same every morning if you like.',
];

export function turnsFor(agentId: string): readonly Turn[] {
  return AGENT_TURNS[agentId] ?? GENERIC;
}

/** A tool call's arguments and its result, as the Chat view's tool cards show them. */
export interface ToolLines {
  args: Record<string, unknown>;
  result: string;
}

const TOOLS: Readonly<Record<string, ToolLines>> = {
  exec: { args: { command: 'npm test -- --reporter=dot' }, result: 'Tests: 142 passed, 0 failed' },
  read: { args: { path: 'src/gateway/server.ts' }, result: '312 lines read' },
  edit: { args: { path: 'src/config/load.ts' }, result: 'Applied 1 edit (4 lines)' },
  web_search: {
    args: { query: 'long-context retrieval 2026' },
    result: '5 results: arxiv.org, aclanthology.org, …',
  },
  browser: {
    args: { url: 'https://status.example.com' },
    result: 'Page loaded: All systems operational',
  },
};

export function toolLinesFor(toolName: string): ToolLines {
  return TOOLS[toolName] ?? { args: {}, result: 'done' };
}
