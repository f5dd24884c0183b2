// The TradingServices module; see docs/ARCHITECTURE.md for what belongs here.
