import NetIO
import RPCCore

/// One client call in flight. Loop thread only.
final class ClientCall {
    enum Completion {
        case unary(CheckedContinuation<Result<[UInt8], RPCError>, Never>)
        case stream(ClientResponseStream)
    }

    let handle: CallHandle
    let path: String
    let options: CallOptions
    let completion: Completion
    var id: Int32 = -1
    var body: [UInt8]
    var bodyOffset = 0
    var deframer: GRPCMessageDeframer
    var httpStatus: Int?
    var grpcStatus: Status.Code?
    var grpcMessage: String?
    /// Application headers and trailers the server sent (`tradebot-reason`, `grpc-retry-pushback-ms`
    /// …), without the fields the transport owns; they travel with a failed call's `RPCError`.
    var metadata = Metadata()
    var response: [UInt8]?
    var messages = 0
    var timer: TimerID?
    var finished = false
    /// DATA bytes received and not yet returned to the peer as window credit.
    var unconsumed = 0

    init(handle: CallHandle, path: String, request: [UInt8], options: CallOptions, maxMessageSize: Int,
         completion: Completion) {
        self.handle = handle
        self.path = path
        self.options = options
        self.completion = completion
        body = GRPCMessageDeframer.frame(request)
        deframer = GRPCMessageDeframer(maxMessageSize: maxMessageSize)
    }

    var isStreaming: Bool { if case .stream = completion { return true } else { return false } }

    /// Delivers the final outcome once (`nil` = OK).
    func complete(_ error: RPCError?) {
        guard !finished else { return }
        finished = true
        switch completion {
        case .unary(let c):
            if let error {
                c.resume(returning: .failure(error))
            } else if messages == 1, let response {
                c.resume(returning: .success(response))
            } else {
                c.resume(returning: .failure(RPCError(code: .internal,
                                                      message: "unary response had \(messages) messages")))
            }
        case .stream(let s):
            s.finish(error)
        }
    }

    /// The status the server sent (or the one synthesised from the HTTP status).
    func statusFromResponse() -> RPCError? {
        if let code = grpcStatus {
            return code == .ok ? nil : RPCError(code: code, message: grpcMessage.map(StatusMessageCoding.decode) ?? "",
                                                metadata: metadata)
        }
        if let http = httpStatus, http != 200 {
            return RPCError(code: Status.Code(httpStatus: http), message: "HTTP status \(http) without grpc-status")
        }
        return RPCError(code: .unknown, message: "response ended without grpc-status")
    }
}
