extension Status.Code {
    /// The status a client synthesises when a response has no `grpc-status`
    /// (grpc/doc/http-grpc-status-mapping.md).
    public init(httpStatus: Int) {
        switch httpStatus {
        case 400: self = .internal
        case 401: self = .unauthenticated
        case 403: self = .permissionDenied
        case 404: self = .unimplemented
        case 429, 502, 503, 504: self = .unavailable
        case 431: self = .internal
        default: self = .unknown
        }
    }

    /// Parses a `grpc-status` header value: decimal digits without sign. Anything else is `nil`.
    public init?(headerValue: some StringProtocol) {
        guard !headerValue.isEmpty, headerValue.count <= 9,
              headerValue.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let n = Int(headerValue) else { return nil }
        self.init(rawValue: n)
    }
}
