// The Persistence module; see docs/ARCHITECTURE.md.
