// The HTTP2Transport module; see docs/ARCHITECTURE.md for what belongs here.
