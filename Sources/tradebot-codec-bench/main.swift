// Codec benchmark harness; see docs/PERFORMANCE.md.
