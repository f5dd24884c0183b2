// The TradingEngine module; see docs/ARCHITECTURE.md for what belongs here.
