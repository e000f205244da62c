/** The reason words of an approval wait: the row, the dot, the counts and the search say them. */
export const NEEDS_APPROVAL = 'Needs approval';

/** "Needs approval: exec" (the tool waiting for a person), or just the words. */
export function describeApproval(toolName: string | undefined): string {
  return toolName === undefined ? NEEDS_APPROVAL : `${NEEDS_APPROVAL}: ${toolName}`;
}

/** The counts bar's entry: "1 needs approval", "2 need approval". */
export function countApprovals(count: number): string {
  return count === 1 ? 'needs approval' : 'need approval';
}
