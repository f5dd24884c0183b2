import Testing
import TradingModel

/// The legal transitions, written out independently of the implementation.
private let legal: [OrderStatus: [OrderStatusTrigger: OrderStatus]] = [
    .pendingNew: [.accept: .accepted, .reject: .rejected, .partialFill: .partiallyFilled, .fill: .filled,
                  .requestCancel: .pendingCancel, .cancel: .cancelled, .expire: .expired, .ackTimeout: .unknown],
    .accepted: [.partialFill: .partiallyFilled, .fill: .filled, .requestCancel: .pendingCancel, .cancel: .cancelled,
                .expire: .expired],
    .partiallyFilled: [.partialFill: .partiallyFilled, .fill: .filled, .requestCancel: .pendingCancel,
                       .cancel: .cancelled, .expire: .expired],
    .pendingCancel: [.accept: .pendingCancel, .reject: .rejected, .partialFill: .pendingCancel, .fill: .filled,
                     .cancel: .cancelled, .cancelReject: .accepted, .expire: .expired],
    .unknown: [.accept: .accepted, .reject: .rejected, .partialFill: .partiallyFilled, .fill: .filled,
               .requestCancel: .pendingCancel, .cancel: .cancelled, .expire: .expired],
    .filled: [:], .rejected: [:], .cancelled: [:], .expired: [:],
]

private let allPairs: [(OrderStatus, OrderStatusTrigger)] =
    OrderStatus.allCases.flatMap { s in OrderStatusTrigger.allCases.map { (s, $0) } }

@Suite("Order status state machine")
struct OrderStatusTests {
    @Test("every status × trigger pair is legal exactly when the table says so", arguments: allPairs)
    func transition(status: OrderStatus, trigger: OrderStatusTrigger) {
        let result = status.next(on: trigger)
        if let expected = legal[status]?[trigger] {
            #expect(result == .success(expected))
        } else {
            #expect(result == .failure(IllegalTransition(from: status, trigger: trigger)))
        }
    }

    @Test("a rejected cancel returns to PARTIALLY_FILLED when the order has fills")
    func cancelRejectWithFills() {
        #expect(OrderStatus.pendingCancel.next(on: .cancelReject, hasFills: true) == .success(.partiallyFilled))
    }

    @Test("terminal statuses accept nothing", arguments: [OrderStatus.filled, .rejected, .cancelled, .expired])
    func terminal(status: OrderStatus) {
        #expect(status.isTerminal)
        for t in OrderStatusTrigger.allCases { #expect((try? status.next(on: t).get()) == nil) }
    }

    @Test("fills move an order through PARTIALLY_FILLED to FILLED and an overfill is refused")
    func fills() throws {
        var order = Order(id: OrderID(1), request: OrderRequest(symbol: "X", side: .buy, quantity: try Quantity("10")),
                          createdAt: .zero)
        try order.apply(.accept, at: .zero)
        try order.recordFill(quantity: try Quantity("4"), price: try Price("2"), at: .zero)
        #expect(order.status == .partiallyFilled)
        #expect(throws: OrderFillError.overfill(leaves: try Quantity("6"), attempted: try Quantity("7"))) {
            try order.recordFill(quantity: try Quantity("7"), price: try Price("2"), at: .zero)
        }
        try order.recordFill(quantity: try Quantity("6"), price: try Price("3"), at: .zero)
        #expect(order.status == .filled)
        #expect(order.averageFillPrice == (try Price("2.6")))
        #expect(throws: OrderFillError.self) {
            try order.recordFill(quantity: try Quantity("1"), price: try Price("2"), at: .zero)
        }
    }
}
