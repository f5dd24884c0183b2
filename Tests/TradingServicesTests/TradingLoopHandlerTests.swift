import Foundation
import RPCCore
import Synchronization
import Testing
import TradingProtocol
@testable import TradingServices

/// The trading RPCs that run on the connection's event loop (`.loopUnary`), and what they must
/// keep: validation, durability before the answer, the API latency metric.
@Suite("Trading handlers on the event loop")
struct TradingLoopHandlerTests {
    typealias T = TradingTestServer

    static let loopMethods: Set<String> = [
        TradebotV1.Orders.submitOrder.descriptor.rpc.fullPath,
        TradebotV1.Orders.cancelOrder.descriptor.rpc.fullPath,
        TradebotV1.Orders.replaceOrder.descriptor.rpc.fullPath,
        TradebotV1.Orders.getOrder.descriptor.rpc.fullPath,
        TradebotV1.Portfolio.listPositions.descriptor.rpc.fullPath,
        TradebotV1.Portfolio.getPortfolio.descriptor.rpc.fullPath,
        TradebotV1.Risk.getRiskState.descriptor.rpc.fullPath,
    ]

    static func isLoop(_ handler: RPCHandler) -> Bool {
        if case .loopUnary = handler { return true }
        return false
    }

    @Test("exactly the engine-only unary RPCs are loop handlers, also after validation wraps them")
    func registrations() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        var router = RPCRouter()
        s.component.register(in: &router)
        let loop = Set(router.routes.values.filter { Self.isLoop($0.handler) }.map(\.descriptor.fullPath))
        #expect(loop == Self.loopMethods)
        let validated = RequestValidator.standard.applied(to: router)
        let stillLoop = Set(validated.routes.values.filter { Self.isLoop($0.handler) }.map(\.descriptor.fullPath))
        #expect(stillLoop == Self.loopMethods)
    }

    @Test("over TLS, each concurrent SubmitOrder is answered only after its event is committed; latency is recorded")
    func answeredAfterCommit() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let store = s.server.runtime.store
        let recordedBefore = s.component.host.metrics.api.count
        let early = Mutex<[Int64]>([])
        let orders = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<orders {
                group.addTask { @Sendable in
                    let reply = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "loop-\(i)"))
                    let sequence = Int64(reply.order?.sequence ?? 0)
                    // Read right at the answer: a reply sent before its commit would see a smaller value.
                    if store.committedSequence < sequence || sequence == 0 { early.withLock { $0.append(sequence) } }
                }
            }
            try await group.waitForAll()
        }
        #expect(early.withLock { $0 }.isEmpty)
        #expect(s.component.host.metrics.api.count >= min(recordedBefore + orders, 8192))
        // A retried client order id answers from the engine (duplicate) and is durable too.
        let again = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "loop-7"))
        #expect(again.duplicate)
        let againSequence = try #require(again.order?.sequence)
        #expect(againSequence > 0 && store.committedSequence >= Int64(againSequence))
    }

    @Test("a loop handler's invalid request is refused before the engine sees it and changes nothing")
    func invalidRefused() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let before = s.server.runtime.store.lastAssignedSequence
        var bad = T.submit(.buy, "12,5", limit: "1.05000")
        bad.clientOrderID = "bad"
        let error = await #expect(throws: RPCError.self) { try await s.orders.submitOrder(bad) }
        #expect(error?.code == .invalidArgument)
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID("bad")
        let missing = await #expect(throws: RPCError.self) { try await s.orders.getOrder(get) }
        #expect(missing?.code == .notFound)
        #expect(s.server.runtime.store.lastAssignedSequence == before)
    }
}
