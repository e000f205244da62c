import fc from 'fast-check';

// Under mutation testing a property only has to fail, not explain itself:
// shrinking a counterexample can take longer than Stryker's timeout, and a
// mutant killed by a slow failure would be reported as a timeout.
fc.configureGlobal({ endOnFailure: true });
