/// Maps `:path` to handlers, plus the interceptors that run before every handler.
///
/// A value type built once by the server composer, then handed to a transport (which copies it
/// and only reads it). Registering the same path twice replaces the earlier handler.
public struct RPCRouter: Sendable {
    /// One registered method.
    public struct Route: Sendable {
        public let descriptor: MethodDescriptor
        public let handler: RPCHandler
    }

    public private(set) var routes: [String: Route] = [:]
    public private(set) var interceptors: [any ServerInterceptor] = []

    public init() {}

    public mutating func register(_ descriptor: MethodDescriptor, handler: RPCHandler) {
        routes[descriptor.fullPath] = Route(descriptor: descriptor, handler: handler)
    }

    /// Interceptors run in the order they were added.
    public mutating func addInterceptor(_ interceptor: any ServerInterceptor) {
        interceptors.append(interceptor)
    }

    /// The route for a `:path`, or `nil` (the transport answers UNIMPLEMENTED).
    public func route(forPath path: String) -> Route? { routes[path] }

    /// Runs every interceptor; the first rejection wins.
    public func runInterceptors(_ context: ServerContext) throws(RPCError) {
        for interceptor in interceptors { try interceptor.intercept(context) }
    }
}
