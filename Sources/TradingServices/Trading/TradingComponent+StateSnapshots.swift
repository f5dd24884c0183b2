import RPCCore
import TradingModel
import TradingProtocol

/// The snapshots `SubscribeOrders` and `SubscribePositions` send first when the subscriber gives
/// no `from_sequence` (Protocol/README.md, "Streams and resumption"). Each is read on the
/// sequencer in one query, together with the journal position it reflects, so it is a consistent
/// cut of the engine's state; `TradingStreamer` makes it durable before sending and forwards only
/// live events after it.
extension TradingComponent {
    /// Open orders matching the stream's filters, oldest first.
    func openOrdersSnapshot(symbols: Set<String>, strategy: String) -> TradingStreamer.Snapshot<TradebotV1.OrderEvent> {
        let account = account
        return { [self] () async throws(RPCError) in
            try await query { v in
                let position = v.lastSequence
                let time = GoogleProtobuf.Timestamp(v.now)
                let messages = v.engine.openOrders
                    .filter { Self.matches($0, symbols: symbols, strategy: strategy) }
                    .sorted { $0.id < $1.id }
                    .map { order in
                        var event = TradebotV1.OrderEvent()
                        event.sequence = UInt64(max(0, position))
                        event.kind = .snapshot
                        event.order = TradingWire.order(order, sequence: v.journalSequence(of: order), account: account)
                        event.time = time
                        return event
                    }
                return (position, messages)
            }
        }
    }

    /// Non-flat positions matching the stream's symbols, in instrument order.
    func positionsSnapshot(symbols: Set<String>) -> TradingStreamer.Snapshot<TradebotV1.PositionEvent> {
        let account = account
        return { [self] () async throws(RPCError) in
            try await query { v in
                let position = v.lastSequence
                let time = GoogleProtobuf.Timestamp(v.now)
                let messages = v.engine.positions
                    .filter { !$0.isFlat && (symbols.isEmpty || symbols.contains($0.symbol.value)) }
                    .map { p in
                        var event = TradebotV1.PositionEvent()
                        event.sequence = UInt64(max(0, position))
                        event.kind = .snapshot
                        event.position = TradingWire.position(p, instrument: v.engine.instrument(p.symbol), account: account)
                        event.time = time
                        return event
                    }
                return (position, messages)
            }
        }
    }
}
