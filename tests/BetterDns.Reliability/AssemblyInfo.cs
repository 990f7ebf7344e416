// Every test starts real processes and loads the two cores on its own: running them one at a time
// keeps timings (kill moments, per-request timeouts) meaningful on a busy machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
