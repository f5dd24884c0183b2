// Tests for TradingServices.
