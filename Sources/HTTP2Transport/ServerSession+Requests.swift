import CNGHTTP2
import Glibc
import NetIO
import RPCCore

extension ServerSession {
    // MARK: nghttp2 callbacks (loop thread, inside mem_recv/mem_send: submit only)

    func beginStream(_ id: Int32) {
        addStream(ServerStream(id: id, maxMessageSize: configuration.maxReceiveMessageSize))
    }

    func onHeader(_ frame: UnsafePointer<nghttp2_frame>, _ name: UnsafeBufferPointer<UInt8>,
                  _ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST,
              let stream = stream(frame.pointee.hd.stream_id) else { return 0 }
        stream.headerBytes += name.count + value.count + 32
        if stream.headerBytes > Int(configuration.maxHeaderListSize) {
            counters.malformedRequests.add(1, ordering: .relaxed)
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue
        }
        func text() -> String { String(decoding: value, as: UTF8.self) }
        if name.first == UInt8(ascii: ":") {
            if Self.equals(name, ":path") { stream.path = text() }
            else if Self.equals(name, ":method") {
                // Common values as literals: no allocation per request.
                stream.method = Self.equals(value, "POST") ? "POST" : Self.equals(value, "GET") ? "GET" : text()
            }
            return 0
        }
        if Self.equals(name, "content-type") {
            stream.contentType = Self.equals(value, "application/grpc") ? "application/grpc" : text()
        }
        else if Self.equals(name, "grpc-timeout") { stream.timeoutValue = Array(value) }
        else if Self.equals(name, "grpc-encoding") { stream.encoding = text() }
        else if Self.equals(name, "te") || Self.equals(name, "grpc-accept-encoding") { }
        else { stream.metadata.add(String(decoding: name, as: UTF8.self), text()) }
        return 0
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount && memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0
    }

    func onFrameReceived(_ frame: UnsafePointer<nghttp2_frame>) {
        let type = UInt32(frame.pointee.hd.type)
        if type == NGHTTP2_SETTINGS.rawValue {
            receivedSettings = true
            if let t = settingsTimer { connection.loop.cancel(t); settingsTimer = nil }
            return
        }
        guard type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue,
              let stream = stream(frame.pointee.hd.stream_id) else { return }
        let endStream = frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        if type == NGHTTP2_HEADERS.rawValue && frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST {
            requestHeadComplete(stream)
        }
        if endStream {
            stream.requestEnded = true
            requestEnded(stream)
        }
    }

    func onData(_ id: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let stream = stream(id), stream.kind == .grpc, stream.route != nil, !stream.rpc.isFinished else { return }
        var failure: Status?
        do throws(GRPCMessageDeframer.Failure) {
            try stream.deframer.process(bytes) { message in
                if case .fail(let s) = stream.rpc.messageReceived() {
                    if failure == nil { self.counters.malformedRequests.add(1, ordering: .relaxed) }
                    failure = s
                }
                stream.request = message
            }
        } catch {
            switch error {
            case .messageTooLarge(let length, let limit):
                counters.resourceExhausted.add(1, ordering: .relaxed)
                failure = Status(code: .resourceExhausted,
                                 message: "request message of \(length) bytes exceeds the limit of \(limit) bytes")
            case .compressed:
                counters.malformedRequests.add(1, ordering: .relaxed)
                if let e = stream.encoding, e != "identity" {
                    failure = Status(code: .unimplemented, message: "grpc-encoding \(e) is not supported")
                } else {
                    failure = Status(code: .internal, message: "compressed flag set without grpc-encoding")
                }
            case .invalidFlag(let f):
                counters.malformedRequests.add(1, ordering: .relaxed)
                failure = Status(code: .internal, message: "invalid compressed flag \(f)")
            }
        }
        if failure == nil && !account(stream) {
            counters.resourceExhausted.add(1, ordering: .relaxed)
            failure = Status(code: .resourceExhausted,
                             message: "too much request data buffered on this connection (limit \(configuration.connectionRequestBufferLimit) bytes)")
        }
        if let failure {
            stream.request = []
            stream.deframer = GRPCMessageDeframer(maxMessageSize: configuration.maxReceiveMessageSize)
            release(stream)
            finish(stream, failure)
        }
    }

    func onStreamClose(_ id: Int32, errorCode: UInt32) {
        guard let stream = removeStream(id) else { return }
        let running = stream.kind == .grpc && !stream.rpc.isFinished && stream.route != nil
        if running && errorCode == NGHTTP2_CANCEL.rawValue {
            counters.clientCancellations.add(1, ordering: .relaxed)
        }
        abandon(stream, RPCError(code: .cancelled, message: errorCode == NGHTTP2_CANCEL.rawValue
                                 ? "cancelled by the client" : "stream closed (HTTP/2 error \(errorCode))"))
        streamDidClose()
    }

    func onFrameSent(_ frame: UnsafePointer<nghttp2_frame>) {
        // gRPC: a server that finishes before the client's END_STREAM follows with RST_STREAM(NO_ERROR).
        let type = UInt32(frame.pointee.hd.type)
        guard type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue,
              frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0,
              let session, let stream = stream(frame.pointee.hd.stream_id), stream.kind == .grpc,
              !stream.requestEnded else { return }
        _ = nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream.id, NGHTTP2_NO_ERROR.rawValue)
    }

    func readData(_ id: Int32, _ buf: UnsafeMutablePointer<UInt8>, _ length: Int,
                  _ flags: UnsafeMutablePointer<UInt32>) -> Int {
        guard let stream = stream(id) else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
        if let outbound = stream.outbound {
            switch outbound.read(into: buf, capacity: length) {
            case .deferred:
                return Int(NGHTTP2_ERR_DEFERRED.rawValue)
            case .data(let n, let end):
                if let end {
                    flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue | NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                    if case .trailers = stream.rpc.finish(end) { countFinished(end) }
                    submitTrailers(stream, end)
                }
                return n
            }
        }
        let n = min(length, stream.body.count - stream.bodyOffset)
        if n > 0 {
            stream.body.withUnsafeBufferPointer { buf.update(from: $0.baseAddress! + stream.bodyOffset, count: n) }
            stream.bodyOffset += n
        }
        if stream.bodyOffset == stream.body.count {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            if stream.kind == .grpc {
                flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                submitTrailers(stream, stream.bodyEndStatus ?? .ok)
            }
            stream.body = []
            stream.bodyOffset = 0
        }
        return n
    }

    // MARK: request handling

    private func requestHeadComplete(_ stream: ServerStream) {
        let method = stream.method ?? ""
        let path = stream.path ?? ""
        if method == "GET" || method == "HEAD" {
            stream.kind = .http
            return
        }
        if method != "POST" {
            stream.kind = .http
            counters.malformedRequests.add(1, ordering: .relaxed)
            respondHTTP(stream, HTTPResponse(status: 405, text: "method not allowed\n"))
            return
        }
        guard let contentType = stream.contentType, contentType.hasPrefix("application/grpc") else {
            stream.kind = .http
            counters.malformedRequests.add(1, ordering: .relaxed)
            respondHTTP(stream, HTTPResponse(status: 415, text: "content-type must be application/grpc\n"))
            return
        }
        stream.kind = .grpc
        counters.rpcsStarted.add(1, ordering: .relaxed)
        guard allowedPaths?.contains(path) ?? true, let route = core.router.route(forPath: path) else {
            counters.unimplemented.add(1, ordering: .relaxed)
            finish(stream, Status(code: .unimplemented, message: "unknown method \(path)"))
            return
        }
        var deadline: ContinuousClock.Instant?
        if let raw = stream.timeoutValue {
            guard let timeout = GRPCTimeout(headerValue: raw) else {
                counters.malformedRequests.add(1, ordering: .relaxed)
                finish(stream, Status(code: .internal, message: "malformed grpc-timeout"))
                return
            }
            deadline = .now + timeout.duration
            let id = stream.id
            // Strong captures; the timer is cancelled when the stream closes (`abandon`).
            stream.deadlineTimer = connection.loop.schedule(after: timeout.duration) { [self, stream] in
                guard self.stream(id) === stream else { return }
                self.deadlineExpired(stream)
            }
        }
        let context = ServerContext(method: route.descriptor, metadata: stream.metadata, deadline: deadline,
                                    peer: connection.peerAddress)
        stream.context = context
        do throws(RPCError) {
            try core.router.runInterceptors(context)
        } catch {
            finish(stream, error.status, trailers: error.metadata)
            return
        }
        stream.route = route
    }

    private func requestEnded(_ stream: ServerStream) {
        switch stream.kind {
        case .http:
            if !stream.httpResponded { serveGet(stream) }
        case .grpc:
            guard stream.route != nil else { return }
            switch stream.rpc.requestEnded(partialMessageBuffered: stream.deframer.hasPartialMessage) {
            case .dispatch: dispatch(stream)
            case .fail(let status):
                counters.malformedRequests.add(1, ordering: .relaxed)
                finish(stream, status)
            case .none: break
            }
        case .pending:
            break
        }
    }

    private func serveGet(_ stream: ServerStream) {
        counters.httpRequests.add(1, ordering: .relaxed)
        let full = stream.path ?? "/"
        let parts = full.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        if allowedPaths?.contains(path) ?? true, let handler = core.getRoutes[path] {
            let request = HTTPRequest(method: stream.method ?? "GET", path: path,
                                      query: parts.count > 1 ? String(parts[1]) : nil,
                                      headers: stream.metadata.map { ($0.name, $0.value) })
            var response = handler(request)
            if stream.method == "HEAD" { response.body = [] }
            respondHTTP(stream, response)
        } else if core.router.route(forPath: path) != nil {
            counters.malformedRequests.add(1, ordering: .relaxed)
            respondHTTP(stream, HTTPResponse(status: 405, text: "gRPC methods need POST\n"))
        } else {
            respondHTTP(stream, HTTPResponse(status: 404, text: "not found\n"))
        }
    }

    private func dispatch(_ stream: ServerStream) {
        guard let route = stream.route, let context = stream.context else { return }
        let request = stream.request
        stream.request = []
        release(stream)
        switch route.handler {
        case .inlineUnary(let handler):
            do throws(RPCError) {
                let response = try handler(request, context)
                sendUnary(stream, response)
            } catch {
                finish(stream, error.status, trailers: error.metadata)
            }
        case .unary(let handler):
            let bound = LoopBound((self, stream))
            let loop = connection.loop
            stream.task = Task {
                let result: Result<[UInt8], RPCError>
                do { result = .success(try await handler(request, context)) } catch { result = .failure(RPCError.from(error)) }
                loop.execute {
                    let (session, stream) = bound.value
                    session.completeUnary(stream, result)
                }
            }
        case .loopUnary(let handler):
            // The task's executor is this loop: it starts after the current read handler, and every
            // resume (an engine reply, a commit) comes back here directly, not through the pool.
            let bound = LoopBound((self, stream))
            let loop = connection.loop
            stream.task = Task(executorPreference: loop) {
                let result: Result<[UInt8], RPCError>
                do { result = .success(try await handler(request, context)) } catch { result = .failure(RPCError.from(error)) }
                // On the loop thread while the loop runs. Off it only after the loop thread has
                // exited (server stopped; the job ran on the pool): its connections are gone, so
                // there is no one to answer.
                guard loop.inEventLoop else { return }
                let (session, stream) = bound.value
                session.completeLoopUnary(stream, result)
            }
            startedLoopTasks = true
        case .serverStreaming(let handler):
            guard let session, stream.rpc.sendResponseHeaders() else { return }
            let bound = LoopBound(self)
            let loop = connection.loop
            let id = stream.id
            let resumes = resumeQueue
            let outbound = StreamOutbound(limit: configuration.streamBufferLimit) {
                if resumes.add(id) { loop.execute { bound.value.resumeStreams() } }
            }
            stream.outbound = outbound
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: serverDataRead)
            let rv = nghttp2_submit_response(session, stream.id, StaticHeaders.grpcResponse.nv, StaticHeaders.grpcResponse.count, &provider)
            guard rv == 0 else { finish(stream, Status(code: .internal, message: "cannot submit response")); return }
            stream.task = Task {
                do {
                    try await handler(request, context, ResponseWriter(sink: outbound))
                    outbound.finish(context.cancellationError?.status ?? .ok)
                } catch {
                    outbound.finish(context.cancellationError?.status ?? RPCError.from(error).status)
                }
            }
        }
    }

    /// An async unary handler finished; back on the loop thread.
    func completeUnary(_ stream: ServerStream, _ result: Result<[UInt8], RPCError>) {
        guard answer(stream, result) else { return }
        pump()
    }

    /// A `.loopUnary` handler finished, on the loop thread (inside its task's job). Answers at once;
    /// the frames are written by one pump per loop turn, shared by every stream completed in that
    /// turn (one commit resumes a batch of orders together).
    func completeLoopUnary(_ stream: ServerStream, _ result: Result<[UInt8], RPCError>) {
        guard answer(stream, result) else { return }
        pumpSoon()
    }

    /// Queues a unary call's answer (message and OK, or the error's status); false when the stream
    /// is gone or already finished (cancelled, deadline), so there is nothing to write.
    private func answer(_ stream: ServerStream, _ result: Result<[UInt8], RPCError>) -> Bool {
        guard self.stream(stream.id) === stream, !stream.rpc.isFinished else { return false }
        switch result {
        case .success(let response): sendUnary(stream, response)
        case .failure(let error): finish(stream, error.status, trailers: error.metadata)
        }
        return true
    }

    /// More bytes (or the end) arrived in the outbound buffers of the queued streams: resume them
    /// all, then write their frames at once.
    func resumeStreams() {
        let ids = resumeQueue.take()
        guard let session else { return }
        for id in ids {
            guard let stream = stream(id), let outbound = stream.outbound else { continue }
            outbound.clearDeferred()
            _ = nghttp2_session_resume_data(session, id)
        }
        pump()
    }

    private func deadlineExpired(_ stream: ServerStream) {
        stream.deadlineTimer = nil
        guard stream.kind == .grpc, !stream.rpc.isFinished else { return }
        counters.deadlineExceeded.add(1, ordering: .relaxed)
        let error = RPCError(code: .deadlineExceeded, message: "deadline exceeded")
        stream.context?.cancel(error)
        stream.task?.cancel()
        finish(stream, error.status, trailers: error.metadata)
        pump()
    }

    // MARK: responses

    private func sendUnary(_ stream: ServerStream, _ response: [UInt8]) {
        guard let session, stream.rpc.sendResponseHeaders() else { return }
        stream.body = GRPCMessageDeframer.frame(response)
        stream.bodyOffset = 0
        stream.bodyEndStatus = .ok
        _ = stream.rpc.finish(.ok)
        countFinished(.ok)
        var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: serverDataRead)
        _ = nghttp2_submit_response(session, stream.id, StaticHeaders.grpcResponse.nv, StaticHeaders.grpcResponse.count, &provider)
    }

    /// Ends a call with `status`: Trailers-Only if nothing was sent yet, trailers otherwise.
    /// `trailers` (from an `RPCError`'s metadata, e.g. `grpc-retry-pushback-ms`) travel with the
    /// status when they are valid HTTP/2 header fields; reserved names are never overridden.
    func finish(_ stream: ServerStream, _ status: Status, trailers: Metadata = Metadata()) {
        guard let session else { return }
        switch stream.rpc.finish(status) {
        case .trailersOnly(let s):
            countFinished(s)
            if s.code != .ok { stream.context?.cancel(RPCError(status: s)) }
            var headers = HeaderList()
            headers.add(":status", "200")
            headers.add("content-type", "application/grpc")
            headers.add("grpc-status", String(s.code.rawValue))
            if !s.message.isEmpty { headers.add("grpc-message", StatusMessageCoding.encode(s.message)) }
            Self.addCustomTrailers(trailers, to: &headers)
            _ = headers.withNV { nv, n in nghttp2_submit_response(session, stream.id, nv, n, nil) }
        case .trailers(let s):
            countFinished(s)
            if let outbound = stream.outbound {
                outbound.finish(s, discardPending: true)
                outbound.clearDeferred()
                _ = nghttp2_session_resume_data(session, stream.id)
            } else {
                stream.bodyEndStatus = s
                stream.bodyEndTrailers = trailers
            }
        case .alreadyFinished:
            break
        }
    }

    func countFinished(_ status: Status) {
        if status.code == .ok { counters.rpcsSucceeded.add(1, ordering: .relaxed) }
        else { counters.rpcsFailed.add(1, ordering: .relaxed) }
    }

    private func submitTrailers(_ stream: ServerStream, _ status: Status) {
        guard let session else { return }
        if status.code == .ok && status.message.isEmpty && stream.bodyEndTrailers.isEmpty {
            _ = nghttp2_submit_trailer(session, stream.id, StaticHeaders.grpcTrailersOK.nv, StaticHeaders.grpcTrailersOK.count)
            return
        }
        var headers = HeaderList()
        headers.add("grpc-status", String(status.code.rawValue))
        if !status.message.isEmpty { headers.add("grpc-message", StatusMessageCoding.encode(status.message)) }
        Self.addCustomTrailers(stream.bodyEndTrailers, to: &headers)
        _ = headers.withNV { nv, n in nghttp2_submit_trailer(session, stream.id, nv, n) }
    }

    /// Adds application trailers whose names are lower-case tokens and whose values are visible
    /// ASCII, skipping the fields the transport owns.
    static func addCustomTrailers(_ trailers: Metadata, to headers: inout HeaderList) {
        for entry in trailers {
            let name = entry.name
            guard !name.isEmpty, !Self.reservedTrailers.contains(name),
                  name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }),
                  entry.value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { continue }
            headers.add(name, entry.value)
        }
    }

    static let reservedTrailers: Set<String> = ["grpc-status", "grpc-message", "content-type", "te",
                                                 "grpc-encoding", "grpc-accept-encoding", "content-length"]

    private func respondHTTP(_ stream: ServerStream, _ response: HTTPResponse) {
        guard let session, !stream.httpResponded else { return }
        stream.httpResponded = true
        var headers = HeaderList()
        headers.add(":status", String(response.status))
        headers.add("content-type", response.contentType)
        headers.add("content-length", String(response.body.count))
        for (name, value) in response.headers { headers.add(name.lowercased(), value) }
        stream.body = response.body
        stream.bodyOffset = 0
        if response.body.isEmpty {
            _ = headers.withNV { nv, n in nghttp2_submit_response(session, stream.id, nv, n, nil) }
        } else {
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: serverDataRead)
            _ = headers.withNV { nv, n in nghttp2_submit_response(session, stream.id, nv, n, &provider) }
        }
    }
}
