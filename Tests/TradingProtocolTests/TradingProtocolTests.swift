// Tests for TradingProtocol.
