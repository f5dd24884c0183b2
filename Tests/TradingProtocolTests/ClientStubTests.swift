import RPCCore
import Testing
import TradingProtocol
import WireFormat

@Suite("Client stubs over RPCCore's in-process transport")
struct ClientStubTests {
    typealias V1 = TradebotV1

    static func router() -> RPCRouter {
        var router = RPCRouter()
        router.registerUnary(V1.Orders.submitOrder.descriptor.rpc) {
            (request: V1.SubmitOrderRequest, _: ServerContext) async throws -> V1.SubmitOrderResponse in
            V1.SubmitOrderResponse {
                $0.order = V1.Order { $0.orderID = "O-1"; $0.clientOrderID = request.clientOrderID; $0.status = .accepted }
            }
        }
        router.registerServerStreaming(V1.Orders.subscribeFills.descriptor.rpc) {
            (request: V1.SubscribeFillsRequest, _: ServerContext, writer: MessageWriter<V1.FillEvent>) async throws in
            for sequence in (request.fromSequence ?? 1)...3 {
                try await writer.write(V1.FillEvent { $0.sequence = sequence; $0.fill = V1.Fill { $0.fillID = "F\(sequence)" } })
            }
        }
        router.registerUnary(GRPCHealthV1.Health.check.descriptor.rpc) {
            (_: GRPCHealthV1.HealthCheckRequest, _: ServerContext) async throws -> GRPCHealthV1.HealthCheckResponse in
            GRPCHealthV1.HealthCheckResponse(status: .serving)
        }
        return router
    }

    let client = RPCClient(transport: InProcessTransport(router: ClientStubTests.router()))

    @Test("a unary stub sends the typed request and decodes the typed response")
    func unary() async throws {
        let response = try await V1.Orders.Client(client).submitOrder(V1.SubmitOrderRequest { $0.clientOrderID = "c-42" })
        #expect(response.order?.orderID == "O-1")
        #expect(response.order?.clientOrderID == "c-42")
        #expect(try await GRPCHealthV1.Health.Client(client).check().status == .serving)
    }

    @Test("a streaming stub yields typed events in order from the requested sequence")
    func streaming() async throws {
        var sequences: [UInt64] = []
        for try await event in V1.Orders.Client(client).subscribeFills(V1.SubscribeFillsRequest { $0.fromSequence = 2 }) {
            sequences.append(event.sequence)
        }
        #expect(sequences == [2, 3])
    }

    @Test("a method the server does not serve fails with UNIMPLEMENTED")
    func unimplemented() async {
        await #expect(throws: RPCError(code: .unimplemented, message: "unknown method /tradebot.v1.Risk/Halt")) {
            try await V1.Risk.Client(client).halt(V1.HaltRequest { $0.reason = "test" })
        }
    }
}
