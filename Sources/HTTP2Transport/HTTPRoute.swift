/// A plain HTTP/2 request (GET) routed by path, for `/healthz`, `/metrics` and the like.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The path without the query string.
    public let path: String
    public let query: String?
    public let headers: [(name: String, value: String)]
}

/// The answer to an `HTTPRequest`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8] = [],
                headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", text: String) {
        self.init(status: status, contentType: contentType, body: Array(text.utf8))
    }
}

/// Serves one GET path. Runs on the event-loop thread: it must be quick and must not block.
public typealias HTTPGetHandler = @Sendable (HTTPRequest) -> HTTPResponse
