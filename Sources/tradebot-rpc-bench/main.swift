// Transport benchmark server; see scripts/bench-rpc.
