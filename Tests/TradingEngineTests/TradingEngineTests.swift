// Tests for TradingEngine.
