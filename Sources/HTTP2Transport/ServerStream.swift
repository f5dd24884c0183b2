import NetIO
import RPCCore

/// One HTTP/2 stream on the server: request head, body assembly, response state.
/// Owned by its `ServerSession`; loop thread only, which is why the hot properties opt out of
/// dynamic exclusivity checks (they cost a measurable share of CPU per request).
final class ServerStream {
    enum Kind { case pending, grpc, http }

    let id: Int32
    @exclusivity(unchecked) var kind: Kind = .pending
    // Request head.
    @exclusivity(unchecked) var method: String?
    @exclusivity(unchecked) var path: String?
    @exclusivity(unchecked) var contentType: String?
    @exclusivity(unchecked) var timeoutValue: [UInt8]?
    @exclusivity(unchecked) var encoding: String?
    @exclusivity(unchecked) var metadata = Metadata()
    @exclusivity(unchecked) var headerBytes = 0
    @exclusivity(unchecked) var requestEnded = false
    // gRPC call.
    @exclusivity(unchecked) var route: RPCRouter.Route?
    @exclusivity(unchecked) var context: ServerContext?
    @exclusivity(unchecked) var deframer: GRPCMessageDeframer
    @exclusivity(unchecked) var request: [UInt8] = []
    @exclusivity(unchecked) var rpc = ServerRPCStateMachine()
    @exclusivity(unchecked) var task: Task<Void, Never>?
    @exclusivity(unchecked) var deadlineTimer: TimerID?
    @exclusivity(unchecked) var outbound: StreamOutbound?
    // Response body for unary and plain HTTP responses.
    @exclusivity(unchecked) var body: [UInt8] = []
    @exclusivity(unchecked) var bodyOffset = 0
    @exclusivity(unchecked) var bodyEndStatus: Status?
    /// Metadata a handler or interceptor attached to its error, sent with the trailers.
    @exclusivity(unchecked) var bodyEndTrailers = Metadata()
    @exclusivity(unchecked) var httpResponded = false
    /// Request bytes this stream holds that count against the connection's budget.
    @exclusivity(unchecked) var accountedBytes = 0

    init(id: Int32, maxMessageSize: Int) {
        self.id = id
        deframer = GRPCMessageDeframer(maxMessageSize: maxMessageSize)
    }
}
