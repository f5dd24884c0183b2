import TradingModel

/// The engine's per-order state as a snapshot captured it (`TradingEngine.snapshotDeferringOrders`):
/// copy-on-write references taken on the engine's thread in O(number of chunks), turned into the
/// snapshot's lists (O(orders)) by `complete(_:)` on whichever thread the caller chooses.
public struct RetainedOrders: Sendable {
    let orders: OrderTable<Order>
    let journalSequences: OrderTable<Int64>
    let finishedOrderIDs: FIFOQueue<OrderID>
    let tradeIDs: FIFOQueue<TradeID>

    /// Number of retained orders.
    public var count: Int { orders.count }

    /// Fills the parts `snapshotDeferringOrders` left empty: the orders (in id order), the
    /// applied trade ids and the finished order ids (oldest first), exactly as `snapshot()` has them.
    public func complete(_ snapshot: inout EngineSnapshot) {
        snapshot.orders = orders.valuesInIDOrder
        snapshot.tradeIDs = tradeIDs.elements
        snapshot.finishedOrderIDs = finishedOrderIDs.elements
    }

    /// (order id, journal sequence) of every retained order that has one (`setJournalSequence`),
    /// in id order.
    public var journalSequencesInIDOrder: [(OrderID, Int64)] {
        var out: [(OrderID, Int64)] = []
        out.reserveCapacity(journalSequences.count)
        journalSequences.forEachInIDOrder { out.append(($0, $1)) }
        return out
    }
}
