import TradingModel

/// The simulated broker: the same `BrokerGateway` a FIX adapter implements.
///
/// Rules (see docs/ENGINE.md, "Broker simulation"):
/// - A submit is acknowledged (or, with probability `rejectBasisPoints`, rejected)
///   `ackLatency` later. An accepted order may fill from the first bar whose
///   timestamp is at least `ackLatency + fillDelay` after the submit.
/// - Bars are matched in arrival order; a fill is reported at the bar's timestamp.
/// - MARKET fills at the bar's open plus adverse slippage.
/// - LIMIT buy fills at the open if the open is at or below the limit, otherwise at
///   the limit only if the low trades *through* it (low < limit); sells mirror this.
///   Touching is not enough: conservative, because queue position is unknown.
/// - STOP buy triggers at the open if the open is at or above the trigger (fills at
///   the open), otherwise if the high reaches it (fills at the trigger); slippage is
///   added; sells mirror this.
/// - STOP_LIMIT triggered by a gap at the open works as a limit in the same bar;
///   triggered inside the bar it works as a limit from the next bar (the path inside
///   the bar is unknown).
/// - TRAILING_STOP trails the best high/low of *completed* bars; the current bar is
///   tested against the level set before it.
/// - Quantity per bar is capped at `participationBasisPoints` of the bar volume
///   (truncated to the lot); IOC cancels what is left after its first eligible bar,
///   FOK cancels unless the whole quantity fits; DAY expires when the UTC day changes.
public struct PaperBroker: BrokerGateway {
    public let config: PaperBrokerConfig
    private var instruments: [Symbol: Instrument]
    private var rng: SplitMix64
    private var working: [WorkingOrder] = []
    private var queue: [BrokerReport] = []
    private var queueHead = 0
    var tradeCounter: UInt64 = 0
    public private(set) var connected = true

    struct WorkingOrder {
        var order: Order
        let acceptedAt: Timestamp
        let eligibleAt: Timestamp
        var remaining: Quantity
        var triggered: Bool
        var trailLevel: Price?
        var touchedBar = false
    }

    public init(instruments: [Instrument], config: PaperBrokerConfig = PaperBrokerConfig()) {
        self.config = config
        self.instruments = Dictionary(instruments.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
        self.rng = SplitMix64(seed: config.seed)
        queue.reserveCapacity(64)
    }

    /// Orders the broker is still working (for reconciliation and tests).
    public var workingOrderIDs: [OrderID] { working.map(\.order.id) }

    public mutating func submit(_ order: Order, at time: Timestamp) {
        let ackAt = time.advanced(by: config.ackLatency)
        if config.rejectBasisPoints > 0, Int64(rng.next(below: 10_000)) < config.rejectBasisPoints {
            enqueue(.rejected(order.id, reason: "simulated rejection", at: ackAt))
            return
        }
        guard instruments[order.symbol] != nil else {
            enqueue(.rejected(order.id, reason: "unknown instrument", at: ackAt))
            return
        }
        enqueue(.accepted(order.id, at: ackAt))
        let trail: Price?
        if order.request.type == .trailingStop { trail = order.request.triggerPrice } else { trail = nil }
        working.append(WorkingOrder(order: order, acceptedAt: ackAt, eligibleAt: ackAt.advanced(by: config.fillDelay),
                                    remaining: order.quantity, triggered: false, trailLevel: trail))
    }

    public mutating func cancel(_ order: Order, at time: Timestamp) {
        let at = time.advanced(by: config.ackLatency)
        if let k = working.firstIndex(where: { $0.order.id == order.id }) {
            working.remove(at: k)
            enqueue(.cancelled(order.id, at: at))
        } else {
            enqueue(.cancelRejected(order.id, reason: "order is not working", at: at))
        }
    }

    /// Puts an order the broker held before a restart back into its book, as it was: no second
    /// acknowledgement, only the quantity not yet filled left to trade, and the same times as when
    /// it was submitted at `order.createdAt` (so it cannot fill earlier than it would have). A real
    /// venue keeps its book across our restart; the simulated one is rebuilt from the journal.
    public mutating func restore(_ order: Order) {
        guard instruments[order.symbol] != nil, order.leavesQuantity.isPositive,
              !working.contains(where: { $0.order.id == order.id }) else { return }
        let trail: Price? = order.request.type == .trailingStop ? order.request.triggerPrice : nil
        let acceptedAt = order.createdAt.advanced(by: config.ackLatency)
        working.append(WorkingOrder(order: order, acceptedAt: acceptedAt, eligibleAt: acceptedAt.advanced(by: config.fillDelay),
                                    remaining: order.leavesQuantity, triggered: false, trailLevel: trail))
    }

    /// Answers an order status query `ackLatency` later, from the book: working (with what it
    /// filled) or not found. Reports already queued for the order are delivered before the answer.
    public mutating func queryStatus(_ id: OrderID, at time: Timestamp) {
        let at = time.advanced(by: config.ackLatency)
        if let w = working.first(where: { $0.order.id == id }) {
            let filled = Quantity(raw: w.order.quantity.raw - w.remaining.raw)
            enqueue(.orderStatus(BrokerOrderStatus(orderID: id, state: .working, filledQuantity: filled, at: at)))
        } else {
            enqueue(.orderStatus(BrokerOrderStatus(orderID: id, state: .notFound, filledQuantity: .zero, at: at)))
        }
    }

    /// Simulates a dropped or restored connection (reported immediately).
    public mutating func setConnected(_ up: Bool, at time: Timestamp) {
        guard up != connected else { return }
        connected = up
        enqueue(.connectionChanged(connected: up, at: time))
    }

    public mutating func marketData(_ bar: Bar) {
        guard !working.isEmpty else { return }
        var k = 0
        while k < working.count {
            if working[k].order.symbol == bar.symbol, working[k].eligibleAt <= bar.timestamp,
               let instrument = instruments[bar.symbol] {
                var w = working[k]
                let done = match(&w, bar: bar, instrument: instrument)
                if done {
                    working.remove(at: k)
                    continue
                }
                working[k] = w
            }
            k += 1
        }
    }

    public mutating func pollReports(upTo time: Timestamp, into reports: inout [BrokerReport]) {
        while queueHead < queue.count, queue[queueHead].timestamp <= time {
            reports.append(queue[queueHead])
            queueHead += 1
        }
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
    }

    public func nextReportTime() -> Timestamp? { queueHead < queue.count ? queue[queueHead].timestamp : nil }

    /// Inserts a report keeping the queue ordered by time (stable for equal times).
    mutating func enqueue(_ report: BrokerReport) {
        let t = report.timestamp
        if queue.count == queueHead || queue[queue.count - 1].timestamp <= t {
            queue.append(report)
        } else {
            var at = queue.count
            while at > queueHead, queue[at - 1].timestamp > t { at -= 1 }
            queue.insert(report, at: at)
        }
    }
}
