/// The typed error of every RPC API: a non-OK status plus optional trailing metadata.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Status.Code
    public var message: String
    public var metadata: Metadata

    public init(code: Status.Code, message: String = "", metadata: Metadata = Metadata()) {
        self.code = code
        self.message = message
        self.metadata = metadata
    }

    public init(status: Status) {
        self.init(code: status.code, message: status.message)
    }

    public var status: Status { Status(code: code, message: message) }

    public var description: String { status.description }

    /// Maps any error thrown by a handler to the status sent to the peer. An `RPCError` keeps its
    /// status; task cancellation becomes CANCELLED; anything else is UNKNOWN without leaking detail.
    public static func from(_ error: any Error) -> RPCError {
        if let rpc = error as? RPCError { return rpc }
        if error is CancellationError { return RPCError(code: .cancelled, message: "cancelled") }
        return RPCError(code: .unknown, message: "handler failed")
    }
}
