// Engine benchmark harness; see docs/PERFORMANCE.md.
