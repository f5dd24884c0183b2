import Foundation
import RPCCore
import Testing
import TradingEngine
import TradingModel
import TradingProtocol
@testable import TradingServices

/// Stop the server mid-session, start it on the same data directory: state and sequences are as
/// before (rebuilt from the journal in `recover`), and streams resume from where they were.
@Suite("Trading restart", .serialized)
struct TradingRestartTests {
    typealias T = TradingTestServer

    struct Observed: Equatable {
        var orders: [TradebotV1.Order]
        var positions: [String]
        var cash: String
        var realized: String
        var fillSequences: [UInt64]
    }

    static func observe(_ s: TradingTestServer) async throws -> Observed {
        let orders = try await s.orders.listOrders(TradebotV1.ListOrdersRequest()).orders
        let positions = try await s.portfolio.listPositions(TradebotV1.ListPositionsRequest()).positions
            .map { "\($0.symbol) \($0.quantity) \($0.averagePrice) \($0.realizedPnl) \($0.commissions)" }
        let portfolio = try #require(try await s.portfolio.getPortfolio(TradebotV1.GetPortfolioRequest()).portfolio)
        var request = TradebotV1.SubscribeFillsRequest()
        request.fromSequence = 1
        let stream = s.orders.subscribeFills(request)
        let fills = try await collect(2, from: stream)
        stream.cancel()
        return Observed(orders: orders, positions: positions, cash: portfolio.cash, realized: portfolio.realizedPnl,
                        fillSequences: fills.map(\.sequence))
    }

    @Test("Orders, positions, P&L and sequences survive a restart, and streams resume")
    func restart() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let first = try await T.start(directory: directory)
        try await first.bar("1.07219")
        _ = try await first.orders.submitOrder(T.submit(.buy, "20000", clientOrderID: "a"))
        try await first.bar("1.07300")
        _ = try await first.orders.submitOrder(T.submit(.sell, "5000", clientOrderID: "b"))
        try await first.bar("1.07400")
        let working = try await first.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "w"))
        try await first.settle()
        let before = try await Self.observe(first)
        let lastSequence = first.server.runtime.store.lastAssignedSequence
        await first.stop(removeDirectory: false)

        let second = try await T.start(directory: directory)
        defer { Task { await second.stop(removeDirectory: false) } }
        let after = try await Self.observe(second)
        #expect(after == before)
        #expect(second.server.runtime.store.lastAssignedSequence == lastSequence)

        // A retried submit after the restart is still recognised.
        let retried = try await second.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "w"))
        #expect(retried.duplicate)
        #expect(retried.order?.orderID == working.order?.orderID)

        // Streams resume after the last sequence seen before the restart, and trading continues:
        // the working limit order was placed again at the paper broker and fills when crossed.
        var request = TradebotV1.SubscribeFillsRequest()
        request.fromSequence = UInt64(lastSequence + 1)
        let resumed = second.orders.subscribeFills(request)
        try await second.bar("1.04900", high: "1.05100", low: "1.04800")
        try await second.bar("1.04800", high: "1.04900", low: "1.04700")
        let next = try await collect(1, from: resumed)
        resumed.cancel()
        #expect(next.first.map { $0.sequence > UInt64(lastSequence) } == true)
        #expect(next.first?.fill?.clientOrderID == "w")
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID("w")
        #expect(try await second.orders.getOrder(get).order?.status == .filled)
    }

    @Test("An order whose broker outcome is unknown stays UNKNOWN across a restart and blocks new orders on its instrument")
    func unknownStaysUnknown() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = TestWallClock()
        var settings = try T.settings()
        settings.broker = PaperBrokerConfig(seed: 7, ackLatency: .hours(1))  // the acknowledgement never comes in time
        let first = try await T.start(directory: directory, settings: settings, now: clock.now)
        try await first.bar("1.07219")
        let submitted = try #require(try await first.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "lost")).order)
        #expect(submitted.status == .pendingNew)
        clock.advance(seconds: 10)  // past the 5 s acknowledgement timeout
        first.component.host.post(.timer)
        try await first.settle()
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID("lost")
        #expect(try await first.orders.getOrder(get).order?.status == .unknown)
        await first.stop(removeDirectory: false)

        let second = try await T.start(directory: directory, settings: settings, now: clock.now)
        defer { Task { await second.stop(removeDirectory: false) } }
        #expect(try await second.orders.getOrder(get).order?.status == .unknown)
        try await second.bar("1.07219")
        let blocked = await #expect(throws: RPCError.self) {
            try await second.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "next"))
        }
        #expect(blocked?.message.hasPrefix("UNRESOLVED_ORDERS") == true)
    }
}
