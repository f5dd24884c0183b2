import RPCCore
import TradingModel
import TradingProtocol
import WireFormat

extension TradingComponent {
    /// SubmitOrder, CancelOrder, ReplaceOrder and GetOrder are loop handlers
    /// (`registerLoopUnary`): they only decode, check fields, build the answer and await the engine
    /// host (`execute`/`query`, whose closures run on the sequencer and whose commits are waited
    /// for by continuation), never SQLite, files or hashing; so they run on the connection's event
    /// loop without blocking it, and skip two pool hops per order. The answer still waits for the
    /// commit: `execute` resumes only from the batch's commit callback. ListOrders stays on the
    /// pool: a page of up to 1,000 orders is encoded after the await, which would hold the loop.
    func registerOrders(in router: inout RPCRouter) {
        // Loop: field checks, then `execute` (sequencer, then commit); answers after the commit.
        router.registerLoopUnary(TradebotV1.Orders.submitOrder.descriptor.rpc) { [self] (request: TradebotV1.SubmitOrderRequest, _) in
            try await timed { () async throws(RPCError) in try await submitOrder(request) }
        }
        // Loop: `query` to resolve the order, `execute` for the cancel; nothing else.
        router.registerLoopUnary(TradebotV1.Orders.cancelOrder.descriptor.rpc) { [self] (request: TradebotV1.CancelOrderRequest, _) in
            try await timed { () async throws(RPCError) in try await cancelOrder(request) }
        }
        // Loop: `query`, field checks, two `execute`s; nothing else.
        router.registerLoopUnary(TradebotV1.Orders.replaceOrder.descriptor.rpc) { [self] (request: TradebotV1.ReplaceOrderRequest, _) in
            try await timed { () async throws(RPCError) in try await replaceOrder(request) }
        }
        // Loop: one `query` and the mapping of one order.
        router.registerLoopUnary(TradebotV1.Orders.getOrder.descriptor.rpc) { [self] (request: TradebotV1.GetOrderRequest, _) in
            try await timed { () async throws(RPCError) in
                let (order, sequence) = try await resolve(request.target)
                var response = TradebotV1.GetOrderResponse()
                response.order = TradingWire.order(order, sequence: sequence, account: account)
                return response
            }
        }
        // Pool: encodes up to 1,000 orders after its `query`.
        router.registerUnary(TradebotV1.Orders.listOrders.descriptor.rpc) { [self] (request: TradebotV1.ListOrdersRequest, _) in
            try await timed { () async throws(RPCError) in try await listOrders(request) }
        }
        router.registerServerStreaming(TradebotV1.Orders.subscribeOrders.descriptor.rpc) {
            [self] (request: TradebotV1.SubscribeOrdersRequest, context, writer: MessageWriter<TradebotV1.OrderEvent>) in
            let symbols = Set(request.symbols), strategy = request.strategyID, account = account
            try await streamer.serve(from: request.fromSequence, snapshot: openOrdersSnapshot(symbols: symbols, strategy: strategy),
                                     context: context, writer: writer) { event in
                guard let order = event.event.order, Self.matches(order, symbols: symbols, strategy: strategy) else { return nil }
                return TradingWire.orderEvent(event, account: account)
            }
        }
        router.registerServerStreaming(TradebotV1.Orders.subscribeFills.descriptor.rpc) {
            [self] (request: TradebotV1.SubscribeFillsRequest, context, writer: MessageWriter<TradebotV1.FillEvent>) in
            let symbols = Set(request.symbols), strategy = request.strategyID, account = account, shared = fillEncodings
            // Every subscriber sends the same bytes for a fill: encode once, share (see SharedEncodings).
            try await streamer.serve(from: request.fromSequence, interest: .orderFills, context: context,
                                     writer: MessageWriter<EncodedMessage>(writer.raw)) { event in
                guard case .orderFilled(let f) = event.event, Self.matches(f.order, symbols: symbols, strategy: strategy) else {
                    return nil
                }
                return shared.bytes(for: event.sequence) { TradingWire.fillEvent(event, account: account)?.wireBytes() ?? [] }
            }
        }
    }

    /// Validates, runs the command through the inbox, answers once acceptance or denial is durable.
    func submitOrder(_ request: TradebotV1.SubmitOrderRequest) async throws(RPCError) -> TradebotV1.SubmitOrderResponse {
        if !request.symbol.isEmpty, instrument(named: request.symbol) == nil {
            throw Self.invalid("symbol", "unknown instrument '\(request.symbol)'")
        }
        if !request.accountID.isEmpty, request.accountID != account {
            throw Self.invalid("account_id", "unknown account '\(request.accountID)'")
        }
        let orderRequest: OrderRequest
        do {
            orderRequest = try request.domain(instrument: instrument(named: request.symbol))
        } catch {
            throw Self.decodingError(error)
        }
        let outcome = try await execute(.submitOrder(orderRequest))
        var response = TradebotV1.SubmitOrderResponse()
        switch outcome.result {
        case .order(let order)?:
            var sequence = outcome.events.last { $0.event.order?.id == order.id }?.sequence
            if sequence == nil {
                response.duplicate = true
                sequence = try await query { $0.journalSequence(of: order) }
            }
            response.order = TradingWire.order(order, sequence: sequence ?? 0, account: account)
            return response
        case .denied(let order, let reason, let detail)?:
            throw Self.riskRejection(reason, detail: detail, order: order)
        default:
            throw RPCError(code: .internal, message: "the engine gave no answer to the order")
        }
    }

    static func riskRejection(_ reason: RiskRejectReason, detail: String, order: Order?) -> RPCError {
        var metadata = Metadata()
        metadata.add("tradebot-reason", reason.rawValue)
        if let order { metadata.add("tradebot-order-id", order.id.description) }
        return RPCError(code: .failedPrecondition, message: "\(reason.rawValue): \(detail)", metadata: metadata)
    }

    static func decodingError(_ error: WireDecodingError) -> RPCError {
        if case .invalidValue(let field, let reason) = error { return invalid(field, reason) }
        return RPCError(code: .invalidArgument, message: "\(error)")
    }

    func cancelOrder(_ request: TradebotV1.CancelOrderRequest) async throws(RPCError) -> TradebotV1.CancelOrderResponse {
        let (order, _) = try await resolve(request.target)
        let outcome = try await execute(.cancelOrder(order.id))
        var response = TradebotV1.CancelOrderResponse()
        switch outcome.result {
        case .order(let o)?:
            let seq = outcome.events.last { $0.event.order?.id == o.id }?.sequence ?? 0
            response.order = TradingWire.order(o, sequence: seq, account: account)
            return response
        case .notCancellable(let o)?:
            var metadata = Metadata()
            metadata.add("tradebot-reason", "ORDER_NOT_CANCELLABLE")
            throw RPCError(code: .failedPrecondition,
                           message: "ORDER_NOT_CANCELLABLE: order \(o.id) is \(o.status.rawValue)", metadata: metadata)
        case .orderNotFound?:
            throw RPCError(code: .notFound, message: "no such order")
        default:
            throw RPCError(code: .internal, message: "the engine gave no answer to the cancel")
        }
    }

    /// Cancel/replace: the working order is cancelled and a new one with the changed fields is
    /// submitted (client order id `<original>.r<old id>`), so a retry finds the replacement.
    func replaceOrder(_ request: TradebotV1.ReplaceOrderRequest) async throws(RPCError) -> TradebotV1.ReplaceOrderResponse {
        let (order, _) = try await resolve(request.target)
        guard let instrument = instrument(named: order.symbol.value) else {
            throw RPCError(code: .failedPrecondition, message: "the order's instrument is no longer configured")
        }
        let old = order.request
        func price(_ text: String, _ field: String, _ current: Price?) throws(RPCError) -> Price? {
            guard !text.isEmpty else { return current }
            let p: Price
            do { p = try Price(wire: text, field: field) } catch { throw Self.decodingError(error) }
            guard p.isPositive, instrument.isOnTick(p) else {
                throw Self.invalid(field, "must be positive and a multiple of the tick size \(instrument.tickSize.wireText)")
            }
            return p
        }
        var quantity = old.quantity
        if !request.quantity.isEmpty {
            do { quantity = try Quantity(wire: request.quantity, field: "quantity") } catch { throw Self.decodingError(error) }
            guard quantity.isPositive, instrument.isOnLot(quantity) else {
                throw Self.invalid("quantity", "must be positive and a multiple of the lot size \(instrument.lotSize.wireText)")
            }
            guard quantity > order.filledQuantity else {
                throw RPCError(code: .failedPrecondition, message: "new quantity must exceed the filled quantity")
            }
        }
        let limit = try price(request.limitPrice, "limit_price", old.limitPrice)
        let stop = try price(request.stopPrice, "stop_price", old.triggerPrice)
        let stopLoss = try price(request.stopLossPrice, "stop_loss_price", old.bracket?.stopLoss)
        let takeProfit = try price(request.takeProfitPrice, "take_profit_price", old.bracket?.takeProfit)
        let cancelled = try await execute(.cancelOrder(order.id))
        if case .notCancellable(let o)? = cancelled.result {
            throw RPCError(code: .failedPrecondition, message: "ORDER_NOT_CANCELLABLE: order \(o.id) is \(o.status.rawValue)")
        }
        let base = old.clientOrderID?.value ?? order.id.description
        let remaining = Quantity(raw: quantity.raw - order.filledQuantity.raw)
        let bracket = stopLoss != nil || takeProfit != nil || old.bracket?.trailingDistance != nil
            ? Bracket(stopLoss: stopLoss, takeProfit: takeProfit, trailingDistance: old.bracket?.trailingDistance) : nil
        let replacement = OrderRequest(clientOrderID: ClientOrderID("\(base).r\(order.id.value)"), strategyID: old.strategyID,
                                       symbol: old.symbol, side: old.side, type: old.type, quantity: remaining,
                                       limitPrice: limit, triggerPrice: stop, trailingOffset: old.trailingOffset,
                                       timeInForce: old.timeInForce, reduceOnly: old.reduceOnly, bracket: bracket)
        let outcome = try await execute(.submitOrder(replacement))
        switch outcome.result {
        case .order(let o)?:
            var response = TradebotV1.ReplaceOrderResponse()
            let seq = outcome.events.last { $0.event.order?.id == o.id }?.sequence ?? 0
            response.order = TradingWire.order(o, sequence: seq, account: account)
            return response
        case .denied(let o, let reason, let detail)?:
            throw Self.riskRejection(reason, detail: detail, order: o)
        default:
            throw RPCError(code: .internal, message: "the engine gave no answer to the replacement")
        }
    }

    func listOrders(_ request: TradebotV1.ListOrdersRequest) async throws(RPCError) -> TradebotV1.ListOrdersResponse {
        guard request.pageSize >= 0 else { throw Self.invalid("page_size", "must not be negative") }
        let pageSize = request.pageSize == 0 ? 100 : min(Int(request.pageSize), 1000)
        var token: UInt64 = 0
        if !request.pageToken.isEmpty {
            guard let id = Self.orderID(request.pageToken) else { throw Self.invalid("page_token", "not a token this server issued") }
            token = id.value
        }
        let after = token
        let statuses = Set(request.statuses.map(\.rawValue))
        let symbol = request.symbol, strategy = request.strategyID
        let createdAfter = request.createdAfter.map { Int64($0.seconds) * 1_000_000_000 + Int64($0.nanos) }
        let createdBefore = request.createdBefore.map { Int64($0.seconds) * 1_000_000_000 + Int64($0.nanos) }
        let account = account
        let (orders, more) = try await query { v -> ([TradebotV1.Order], Bool) in
            var out: [TradebotV1.Order] = []
            var more = false
            for o in v.engine.allOrders where o.id.value > after {
                if !symbol.isEmpty && o.symbol.value != symbol { continue }
                if !strategy.isEmpty && o.strategyID?.value != strategy { continue }
                if !statuses.isEmpty && !statuses.contains(TradebotV1.OrderStatus(o.status).rawValue) { continue }
                if let a = createdAfter, o.createdAt.nanoseconds < a { continue }
                if let b = createdBefore, o.createdAt.nanoseconds >= b { continue }
                if out.count == pageSize { more = true; break }
                out.append(TradingWire.order(o, sequence: v.journalSequence(of: o), account: account))
            }
            return (out, more)
        }
        var response = TradebotV1.ListOrdersResponse()
        response.orders = orders
        if more, let last = orders.last { response.nextPageToken = last.orderID }
        return response
    }
}
