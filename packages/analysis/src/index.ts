// Text analysis for the listening desk: pure functions, no I/O of ours.
export {};
