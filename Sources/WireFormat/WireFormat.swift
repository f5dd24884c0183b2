// The WireFormat module; see docs/ARCHITECTURE.md for what belongs here.
