// Tests for TradingModel.
