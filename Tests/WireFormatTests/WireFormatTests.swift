// Tests for WireFormat.
