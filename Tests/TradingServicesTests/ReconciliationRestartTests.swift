import Foundation
import Persistence
import RPCCore
import Testing
import TradingEngine
import TradingModel
import TradingProtocol
@testable import TradingServices

/// An order sent but not acknowledged when the server stopped: after the restart it is UNKNOWN
/// (journaled), new orders for its instrument are refused with UNRESOLVED_ORDERS, and it is
/// resolved only by the broker's answer to a status query, never assumed filled or cancelled.
@Suite("Reconciliation at restart", .serialized)
struct ReconciliationRestartTests {
    typealias T = TradingTestServer

    static func settings(ackLatency: TimeSpan) throws -> TradingSettings {
        var s = try T.settings()
        s.broker = PaperBrokerConfig(seed: 7, ackLatency: ackLatency)
        return s
    }

    static func status(_ s: TradingTestServer, _ client: String) async throws -> TradebotV1.OrderStatus? {
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID(client)
        return try await s.orders.getOrder(get).order?.status
    }

    /// Journal event types of the engine after `sequence`.
    static func types(_ s: TradingTestServer, after sequence: Int64) throws -> [String] {
        let reader = try s.server.runtime.store.makeReader()
        defer { reader.close() }
        return try reader.records(after: sequence, limit: 1_000).map(\.typeName)
    }

    @Test("PENDING_NEW at the stop: UNKNOWN after the restart, new orders wait, the broker's answer resolves it")
    func pendingNewAtRestart() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let slow = try Self.settings(ackLatency: .hours(1))
        let first = try await T.start(directory: directory, settings: slow)
        try await first.bar("1.07219")
        let sent = try #require(try await first.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "p")).order)
        #expect(sent.status == .pendingNew)
        let stoppedAt = first.server.runtime.store.lastAssignedSequence
        await first.stop(removeDirectory: false)

        // The broker is slow to answer: the order stays UNKNOWN and blocks its instrument.
        let second = try await T.start(directory: directory, settings: slow)
        try await second.settle()
        #expect(try await Self.status(second, "p") == .unknown)
        try await second.settle()
        #expect(try Self.types(second, after: stoppedAt).contains("engine.OrderStatusUnknown"))
        try await second.bar("1.07219")
        let blocked = await #expect(throws: RPCError.self) {
            try await second.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "next"))
        }
        #expect(blocked?.code == .failedPrecondition)
        #expect(blocked?.message.hasPrefix("UNRESOLVED_ORDERS") == true)
        #expect(try await Self.status(second, "p") == .unknown)
        let unknownAt = second.server.runtime.store.lastAssignedSequence
        await second.stop(removeDirectory: false)

        // The broker answers at once: it still works the order, so it is ACCEPTED (not filled,
        // not cancelled), the resolution is journaled, and trading on the instrument resumes.
        let third = try await T.start(directory: directory, settings: try Self.settings(ackLatency: .zero))
        defer { Task { await third.stop(removeDirectory: false) } }
        for _ in 0..<50 where try await Self.status(third, "p") != .accepted { try await third.settle() }
        #expect(try await Self.status(third, "p") == .accepted)
        try await third.settle()  // the resolution is committed (a reader sees only committed rows)
        #expect(try Self.types(third, after: unknownAt).contains("engine.OrderAccepted"))
        try await third.bar("1.07219")
        // ("next" was denied above and stays answered as such: client order ids are idempotent.)
        let after = try await third.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "after"))
        #expect(after.order?.status != .rejected, "\(after)")
        #expect(!after.duplicate)
        // The resolved order was in the restored paper book and fills on the next bar, once.
        try await third.bar("1.07300")
        try await third.settle()
        #expect(try await Self.status(third, "p") == .filled)
    }
}
