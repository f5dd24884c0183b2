import Foundation
import Persistence
import Testing
import TradingModel
import TradingProtocol
@testable import TradingServices

/// `trading_account` holds the cash after the latest fill and exact running totals, equal to what the
/// journal's fills say, and a rebuild from the journal gives the same row.
@Suite("Account projection", .serialized)
struct AccountProjectionTests {
    typealias T = TradingTestServer

    static func row(_ store: EventStore<ServerEventCodec>) throws -> [SQLValue]? {
        let reader = try store.makeReader()
        defer { reader.close() }
        return try reader.rows("""
            SELECT cash, cash_raw, realized_pnl_raw, commissions_raw, fills, seq FROM trading_account WHERE id = 1
            """).first
    }

    @Test("cash, realized P&L, commissions and fill count match the journal's fills, also after a rebuild")
    func matchesJournal() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        #expect(try Self.row(s.server.runtime.store) == nil)
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "3000", clientOrderID: "a"))
        try await s.bar("1.07300")
        _ = try await s.orders.submitOrder(T.submit(.sell, "1000", clientOrderID: "b"))
        try await s.bar("1.07410")
        try await s.settle()

        let store = s.server.runtime.store
        let reader = try store.makeReader()
        var fills: [(OrderFilled, Int64)] = []
        var after: Int64 = 0
        while true {
            let page = try reader.events(after: after, limit: 1_000)
            guard let last = page.last else { break }
            for e in page { if case .engine(.orderFilled(let f)) = e.event { fills.append((f, e.sequence)) } }
            after = last.sequence
        }
        reader.close()
        try #require(fills.count >= 2)
        let (lastFill, lastSequence) = try #require(fills.last)
        let row = try #require(try Self.row(store))
        #expect(row[0].textValue == lastFill.cash.description)
        #expect(row[1].integerValue == lastFill.cash.raw)
        #expect(row[2].integerValue == fills.reduce(0) { $0 + $1.0.realizedPnL.raw })
        #expect(row[3].integerValue == fills.reduce(0) { $0 + $1.0.fill.commission.raw })
        #expect(row[2].integerValue != 0)  // the sell realized a gain
        #expect(row[4].integerValue == Int64(fills.count))
        #expect(row[5].integerValue == lastSequence)

        try store.rebuildProjections()
        #expect(try Self.row(store) == row)
    }
}
