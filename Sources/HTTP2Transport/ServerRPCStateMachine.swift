import RPCCore

/// The gRPC rules for one server-side call, with no I/O: request cardinality, when to dispatch,
/// and whether a final status goes out as Trailers-Only or as trailers after response headers.
///
/// The session feeds it events and performs the returned actions.
struct ServerRPCStateMachine: Equatable {
    enum Phase: Equatable { case receiving, handling, closed }
    enum Action: Equatable {
        case none
        /// Exactly one request message arrived and the request ended: run the handler.
        case dispatch
        /// The request breaks the protocol: finish with this status.
        case fail(Status)
    }
    enum Finish: Equatable {
        /// Nothing sent yet: one HEADERS frame with `:status`, `content-type` and the status.
        case trailersOnly(Status)
        /// Response headers already went out: trailers with the status.
        case trailers(Status)
        /// The call already finished; ignore.
        case alreadyFinished
    }

    private(set) var phase: Phase = .receiving
    private(set) var messagesReceived = 0
    private(set) var responseHeadersSent = false

    mutating func messageReceived() -> Action {
        guard phase == .receiving else { return .none }
        messagesReceived += 1
        if messagesReceived > 1 {
            return .fail(Status(code: .unimplemented, message: "expected exactly one request message"))
        }
        return .none
    }

    mutating func requestEnded(partialMessageBuffered: Bool) -> Action {
        guard phase == .receiving else { return .none }
        if partialMessageBuffered {
            return .fail(Status(code: .internal, message: "request ended inside a message (length prefix larger than the data)"))
        }
        if messagesReceived == 0 {
            return .fail(Status(code: .unimplemented, message: "expected exactly one request message, got none"))
        }
        phase = .handling
        return .dispatch
    }

    /// The response headers are about to be submitted. Returns false if the call is over.
    mutating func sendResponseHeaders() -> Bool {
        guard phase != .closed, !responseHeadersSent else { return false }
        responseHeadersSent = true
        return true
    }

    mutating func finish(_ status: Status) -> Finish {
        guard phase != .closed else { return .alreadyFinished }
        phase = .closed
        return responseHeadersSent ? .trailers(status) : .trailersOnly(status)
    }

    /// The stream was reset or closed under the call.
    mutating func reset() { phase = .closed }

    var isFinished: Bool { phase == .closed }
}
