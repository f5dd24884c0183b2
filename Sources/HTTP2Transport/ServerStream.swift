import NetIO
import RPCCore

/// One HTTP/2 stream on the server: request head, body assembly, response state.
/// Owned by its `ServerSession`; loop thread only.
final class ServerStream {
    enum Kind { case pending, grpc, http }

    let id: Int32
    var kind: Kind = .pending
    // Request head.
    var method: String?
    var path: String?
    var contentType: String?
    var timeoutValue: [UInt8]?
    var encoding: String?
    var metadata = Metadata()
    var headerBytes = 0
    var requestEnded = false
    // gRPC call.
    var route: RPCRouter.Route?
    var context: ServerContext?
    var deframer: GRPCMessageDeframer
    var request: [UInt8] = []
    var rpc = ServerRPCStateMachine()
    var task: Task<Void, Never>?
    var deadlineTimer: TimerID?
    var outbound: StreamOutbound?
    // Response body for unary and plain HTTP responses.
    var body: [UInt8] = []
    var bodyOffset = 0
    var bodyEndStatus: Status?
    var httpResponded = false

    init(id: Int32, maxMessageSize: Int) {
        self.id = id
        deframer = GRPCMessageDeframer(maxMessageSize: maxMessageSize)
    }
}
