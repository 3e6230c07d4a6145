/**
 * Time for the robustness suite's budgets and ratios: CPU time of this process (user + system), not wall time.
 * On a shared machine wall time also counts the waits for a core that neighbours hold (a 1.7 s scan took 6 s of
 * wall time under a load of 14 on 2 cores); CPU time counts only the work, so a budget fails on a blow-up, not on
 * a busy neighbour. Worker threads and the garbage collector's helpers are included: an overestimate, never less.
 * Ratios (time for 16x the text over time for 1x) stay in wall time, best of several runs: the collector's helper
 * threads work more than proportionally on a larger heap, which CPU time would charge to the parser.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
