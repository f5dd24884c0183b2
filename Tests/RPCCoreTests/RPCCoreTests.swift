// Tests for RPCCore.
