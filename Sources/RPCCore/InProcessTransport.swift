import Synchronization

/// Calls a router's handlers directly, with no sockets and no framing: for service tests.
///
/// Same semantics as the network transport where they matter to services: interceptors run
/// first, unknown paths are UNIMPLEMENTED, deadlines give DEADLINE_EXCEEDED and cancel the
/// handler's context, cancelling the caller cancels the handler, and a streaming handler's `write`
/// suspends while `streamCapacity` messages are unread.
public struct InProcessTransport: ClientTransport {
    public let router: RPCRouter
    public let streamCapacity: Int

    public init(router: RPCRouter, streamCapacity: Int = 16) {
        self.router = router
        self.streamCapacity = streamCapacity
    }

    private func prepare(path: String, options: CallOptions, kind: MethodDescriptor.Kind)
        throws(RPCError) -> (RPCRouter.Route, ServerContext) {
        guard let route = router.route(forPath: path), route.handler.kind == kind else {
            throw RPCError(code: .unimplemented, message: "unknown method \(path)")
        }
        let context = ServerContext(method: route.descriptor, metadata: options.metadata,
                                    deadline: options.deadline, peer: "in-process")
        try router.runInterceptors(context)
        if let deadline = options.deadline, deadline <= .now {
            throw RPCError(code: .deadlineExceeded, message: "deadline exceeded")
        }
        return (route, context)
    }

    public func unary(path: String, request: [UInt8], options: CallOptions) async throws(RPCError) -> [UInt8] {
        let (route, context) = try prepare(path: path, options: options, kind: .unary)
        let result: Result<[UInt8], RPCError> = await withTaskGroup(of: Result<[UInt8], RPCError>?.self) { group in
            group.addTask {
                do {
                    switch route.handler {
                    case .inlineUnary(let h): return .success(try h(request, context))
                    case .unary(let h), .loopUnary(let h): return .success(try await h(request, context))
                    case .serverStreaming: return .failure(RPCError(code: .unimplemented))
                    }
                } catch {
                    return .failure(RPCError.from(error))
                }
            }
            if let deadline = options.deadline {
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    return Task.isCancelled ? nil : .failure(RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
                }
            }
            let first = await withTaskCancellationHandler {
                await group.next() ?? nil
            } onCancel: {
                context.cancel(RPCError(code: .cancelled, message: "cancelled by the client"))
            }
            if case .failure(let e)? = first, e.code == .deadlineExceeded, !context.isCancelled {
                context.cancel(e)
            }
            group.cancelAll()
            return first ?? .failure(RPCError(code: .cancelled, message: "cancelled by the client"))
        }
        if Task.isCancelled { throw RPCError(code: .cancelled, message: "cancelled by the client") }
        return try result.get()
    }

    public func serverStreaming(path: String, request: [UInt8], options: CallOptions) -> ClientResponseStream {
        let route: RPCRouter.Route
        let context: ServerContext
        do throws(RPCError) {
            (route, context) = try prepare(path: path, options: options, kind: .serverStreaming)
        } catch {
            return .failed(error)
        }
        guard case .serverStreaming(let handler) = route.handler else {
            return .failed(RPCError(code: .unimplemented))
        }
        let taskBox = Locked<Task<Void, Never>?>(nil)
        let stream = ClientResponseStream(capacity: streamCapacity, onCancel: {
            context.cancel(RPCError(code: .cancelled, message: "cancelled by the client"))
            taskBox.withLock { $0?.cancel() }
        })
        let deadlineTask = Locked<Task<Void, Never>?>(nil)
        let task = Task {
            let sink = InProcessSink(stream: stream, context: context)
            do {
                try await handler(request, context, ResponseWriter(sink: sink))
                stream.finish(context.cancellationError)
            } catch {
                stream.finish(context.cancellationError ?? RPCError.from(error))
            }
            deadlineTask.withLock { $0?.cancel() }
        }
        taskBox.withLock { $0 = task }
        if let deadline = options.deadline {
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                guard !Task.isCancelled else { return }
                let e = RPCError(code: .deadlineExceeded, message: "deadline exceeded")
                context.cancel(e)
                stream.finish(e)
                task.cancel()
            }
            deadlineTask.withLock { $0 = timer }
        }
        return stream
    }
}
