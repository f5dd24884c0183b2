import ArgumentParser
import TradingProtocol

/// `tradectl orders ...`: order entry and inspection.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "Submit, cancel, replace, inspect and watch orders.",
        subcommands: [Submit.self, Cancel.self, Replace.self, Get.self, List.self, Watch.self])

    /// An order named by server id (`O-12`) or, with `--client-id`, by the client order id.
    struct Target: ParsableArguments {
        @Argument(help: "Order id (O-12), or the client order id with --client-id.") var id: String
        @Flag(name: .customLong("client-id"), help: "The argument is a client order id.") var isClientID = false
        var wire: TradebotV1.OrderTarget { isClientID ? .clientOrderID(id) : .orderID(id) }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit an order; prints it once the server has durably accepted it.",
            discussion: "A risk refusal prints FAILED_PRECONDITION with the reason code and exits 1. Retrying with the same --client-id returns the same order.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "buy or sell.") var side: String
        @Argument(help: "Quantity (a multiple of the lot size).") var quantity: String
        @Argument(help: "Instrument symbol.") var symbol: String = "EURUSD"
        @Option(help: "Limit price: makes a LIMIT order (default MARKET).") var limit: String?
        @Option(help: "Stop trigger price: STOP (or STOP_LIMIT with --limit).") var stop: String?
        @Option(name: .customLong("client-id"), help: "Idempotency key.") var clientID: String?
        @Option(help: "Time in force: gtc, day, ioc, fok.") var tif = "gtc"
        @Option(name: .customLong("stop-loss"), help: "Protective stop-loss price.") var stopLoss: String?
        @Option(name: .customLong("take-profit"), help: "Take-profit price.") var takeProfit: String?

        func validate() throws {
            guard ["buy", "sell"].contains(side.lowercased()) else { throw ValidationError("side must be buy or sell") }
            guard ["gtc", "day", "ioc", "fok"].contains(tif.lowercased()) else { throw ValidationError("--tif must be gtc, day, ioc or fok") }
        }

        func run() async throws {
            var r = TradebotV1.SubmitOrderRequest()
            r.symbol = symbol
            r.side = side.lowercased() == "buy" ? .buy : .sell
            r.quantity = quantity
            r.limitPrice = limit ?? ""
            r.stopPrice = stop ?? ""
            r.type = switch (limit != nil, stop != nil) {
            case (false, false): .market
            case (true, false): .limit
            case (false, true): .stop
            case (true, true): .stopLimit
            }
            r.timeInForce = switch tif.lowercased() { case "day": .day; case "ioc": .ioc; case "fok": .fok; default: .gtc }
            r.clientOrderID = clientID ?? ""
            r.stopLossPrice = stopLoss ?? ""
            r.takeProfitPrice = takeProfit ?? ""
            try await Session.run(options) { s in
                let response = try await s.orders.submitOrder(r, options: s.unary)
                guard let order = response.order else { return }
                if options.json {
                    var object = WireFormatting.orderJSON(order)
                    object["duplicate"] = response.duplicate
                    Output.json(object)
                } else {
                    Output.table(WireFormatting.orderHeaders, [WireFormatting.orderRow(order)])
                    if response.duplicate { print("(already submitted with this client id)") }
                }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an open order.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var target: Target
        @Option(help: "Why (journaled).") var reason = ""

        func run() async throws {
            var r = TradebotV1.CancelOrderRequest()
            r.target = target.wire
            r.reason = reason
            try await Session.run(options) { s in
                guard let order = try await s.orders.cancelOrder(r, options: s.unary).order else { return }
                OrdersCommand.show(order, json: options.json)
            }
        }
    }

    struct Replace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an open order (cancel/replace) with a new quantity or prices.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var target: Target
        @Option(help: "New total quantity.") var quantity: String?
        @Option(help: "New limit price.") var limit: String?
        @Option(help: "New stop trigger price.") var stop: String?

        func run() async throws {
            var r = TradebotV1.ReplaceOrderRequest()
            r.target = target.wire
            r.quantity = quantity ?? ""
            r.limitPrice = limit ?? ""
            r.stopPrice = stop ?? ""
            try await Session.run(options) { s in
                guard let order = try await s.orders.replaceOrder(r, options: s.unary).order else { return }
                OrdersCommand.show(order, json: options.json)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one order.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var target: Target

        func run() async throws {
            var r = TradebotV1.GetOrderRequest()
            r.target = target.wire
            try await Session.run(options) { s in
                guard let order = try await s.orders.getOrder(r, options: s.unary).order else { return }
                OrdersCommand.show(order, json: options.json)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List orders (all pages), oldest first.")
        @OptionGroup var options: ClientOptions
        @Option(help: "Only this symbol.") var symbol = ""
        @Flag(help: "Only open orders.") var open = false

        func run() async throws {
            var r = TradebotV1.ListOrdersRequest()
            r.symbol = symbol
            if open { r.statuses = [.pendingNew, .accepted, .partiallyFilled, .pendingCancel, .unknown] }
            r.pageSize = 500
            try await Session.run(options) { s in
                var all: [TradebotV1.Order] = []
                while true {
                    let page = try await s.orders.listOrders(r, options: s.unary)
                    all += page.orders
                    if page.nextPageToken.isEmpty { break }
                    r.pageToken = page.nextPageToken
                }
                if options.json {
                    for o in all { Output.json(WireFormatting.orderJSON(o)) }
                } else {
                    Output.table(WireFormatting.orderHeaders, all.map(WireFormatting.orderRow))
                }
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream order events until interrupted.",
            discussion: "With --from-sequence N the journal is replayed from N first; resume with the last sequence printed + 1.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var stream: StreamOptions

        func run() async throws {
            var r = TradebotV1.SubscribeOrdersRequest()
            r.fromSequence = stream.fromSequence
            try await Session.run(options) { s in
                try await stream.printEach(s.orders.subscribeOrders(r, options: s.stream), json: options.json) { e in
                    guard let o = e.order else { return nil }
                    var object = WireFormatting.orderJSON(o)
                    object["event_sequence"] = e.sequence
                    object["kind"] = WireFormatting.name(e.kind)
                    return (object, "\(e.sequence)  \(WireFormatting.name(e.kind))  \(o.orderID) \(o.symbol) \(WireFormatting.name(o.side)) \(o.quantity) filled \(o.filledQuantity) \(WireFormatting.name(o.status))")
                }
            }
        }
    }

    static func show(_ order: TradebotV1.Order, json: Bool) {
        if json { Output.json(WireFormatting.orderJSON(order)) } else {
            Output.table(WireFormatting.orderHeaders, [WireFormatting.orderRow(order)])
        }
    }
}
