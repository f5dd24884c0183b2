import WireFormat

/// Swift types for the protobuf package `tradebot.v1` (Protocol/tradebot/v1/*.proto).
///
/// Message types live in this namespace rather than at module level because the domain module
/// (`TradingModel`) has its own `Order`, `Fill`, `Side` and so on; `TradebotV1.Order` is the wire
/// shape, the domain type is the meaning, and the mapping between them is explicit.
public enum TradebotV1 {
    /// `google.protobuf.Timestamp`, usable unqualified inside this namespace.
    public typealias Timestamp = GoogleProtobuf.Timestamp
}

/// Swift types for the protobuf package `grpc.health.v1` (Protocol/grpc/health/v1/health.proto).
public enum GRPCHealthV1 {}

/// The well-known types of `google.protobuf` that the schema imports.
public enum GoogleProtobuf {}

extension ProtoMessage {
    /// Builds a message from its defaults and a closure that sets fields:
    /// `TradebotV1.Fill { $0.symbol = "EURUSD" }`.
    @inlinable
    public init(_ build: (inout Self) -> Void) {
        self.init()
        build(&self)
    }
}
