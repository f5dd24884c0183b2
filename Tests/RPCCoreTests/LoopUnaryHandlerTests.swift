import RPCCore
import Testing
import WireFormat

private let reverse = MethodDescriptor(service: "t.Loop", method: "Reverse", kind: .unary)
private let stall = MethodDescriptor(service: "t.Loop", method: "Stall", kind: .unary)

@Suite("Loop unary handlers in RPCCore")
struct LoopUnaryHandlerTests {
    func router() -> RPCRouter {
        var r = RPCRouter()
        r.registerLoopUnary(reverse, request: Bytes.self, response: Bytes.self) { req, _ in
            await Task.yield()
            guard !req.value.isEmpty else { throw RPCError(code: .invalidArgument, message: "empty") }
            return Bytes(req.value.reversed())
        }
        r.registerLoopUnary(stall, request: Bytes.self, response: Bytes.self) { _, _ in
            try await Task.sleep(for: .seconds(60))
            return Bytes([])
        }
        return r
    }

    @Test("the typed registration makes a .loopUnary route of kind unary")
    func registration() {
        let route = router().route(forPath: reverse.fullPath)
        guard case .loopUnary? = route?.handler else {
            Issue.record("expected .loopUnary, got \(String(describing: route?.handler))")
            return
        }
        #expect(route?.handler.kind == .unary)
    }

    @Test("the in-process transport runs it like .unary: result, thrown status, undecodable request")
    func inProcess() async throws {
        let transport = InProcessTransport(router: router())
        let client = RPCClient(transport: transport)
        let reply: Bytes = try await client.unary(reverse, request: Bytes([1, 2, 3]))
        #expect(reply == Bytes([3, 2, 1]))
        await #expect(throws: RPCError(code: .invalidArgument, message: "empty")) {
            let _: Bytes = try await client.unary(reverse, request: Bytes([]))
        }
    }

    @Test("the in-process transport applies deadlines to it")
    func deadline() async {
        let client = RPCClient(transport: InProcessTransport(router: router()))
        do {
            let _: Bytes = try await client.unary(stall, request: Bytes([]), options: CallOptions.timeout(.milliseconds(50)))
            Issue.record("expected a deadline")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
    }
}
