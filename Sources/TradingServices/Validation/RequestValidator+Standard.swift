import RPCCore
import TradingProtocol

extension RequestValidator {
    /// The product's table: one rule per method of `TradingAPI.allMethods` (a test fails when a
    /// method has none). Limits are documented in docs/SECURITY.md, "Request validation".
    public static let standard = RequestValidator(rules: Dictionary(uniqueKeysWithValues: standardRules.map {
        ($0.0.path, $0.1)
    }))

    /// Raw values each enum of the schema defines (`1...n`; 0 is UNSPECIFIED).
    enum Known {
        static let side: ClosedRange<Int32> = 1...2
        static let orderType: ClosedRange<Int32> = 1...5
        static let timeInForce: ClosedRange<Int32> = 1...4
        static let orderStatus: ClosedRange<Int32> = 1...9
        static let signalDirection: ClosedRange<Int32> = 1...3
    }

    /// Largest configuration document `UpdateConfig` accepts.
    static let maxConfigDocumentBytes = 256 * 1024
    /// Longest refresh token accepted (ours are about 50 bytes).
    static let maxRefreshTokenBytes = 512
    /// Longest password accepted at login (the policy's own maximum applies at creation).
    static let maxLoginPasswordBytes = 1024
    /// Per-instrument entries in one risk-limits update.
    static let maxInstrumentLimits = 1024

    typealias V1 = TradebotV1
    typealias Check = FieldCheck

    static let standardRules: [(ServiceMethod, RequestRule)] = [
        // Auth: the handlers keep their own checks; these mirror them with the same messages.
        (V1.Auth.login.descriptor, .of(V1.LoginRequest.self) { (r: V1.LoginRequest) throws(RPCError) in
            try IdentityValidation.loginUsername(r.username)
            try Check.text(r.password, field: "password", max: maxLoginPasswordBytes)
        }),
        (V1.Auth.refresh.descriptor, .of(V1.RefreshRequest.self) { (r: V1.RefreshRequest) throws(RPCError) in
            try Check.text(r.refreshToken, field: "refresh_token", max: maxRefreshTokenBytes)
        }),
        (V1.Auth.logout.descriptor, .of(V1.LogoutRequest.self) { (r: V1.LogoutRequest) throws(RPCError) in
            try Check.text(r.refreshToken, field: "refresh_token", max: maxRefreshTokenBytes)
        }),
        (V1.Auth.whoAmI.descriptor, .noFields(V1.WhoAmIRequest.self)),

        // Orders.
        (V1.Orders.submitOrder.descriptor, .of(V1.SubmitOrderRequest.self) { (r: V1.SubmitOrderRequest) throws(RPCError) in
            try Check.identifier(r.clientOrderID, field: "client_order_id")
            try Check.symbol(r.symbol)
            try Check.requiredEnum(r.side, field: "side", known: Known.side)
            try Check.requiredEnum(r.type, field: "type", known: Known.orderType)
            try Check.decimal(r.quantity, field: "quantity", required: true)
            let needsLimit = r.type == .limit || r.type == .stopLimit
            let needsStop = r.type == .stop || r.type == .stopLimit
            try Check.decimal(r.limitPrice, field: "limit_price", required: needsLimit)
            try Check.decimal(r.stopPrice, field: "stop_price", required: needsStop)
            try Check.optionalEnum(r.timeInForce, field: "time_in_force", known: Known.timeInForce)
            try Check.decimal(r.stopLossPrice, field: "stop_loss_price")
            try Check.decimal(r.takeProfitPrice, field: "take_profit_price")
            try Check.decimal(r.trailingStopDistance, field: "trailing_stop_distance",
                              required: r.type == .trailingStop)
            try Check.identifier(r.strategyID, field: "strategy_id")
            try Check.identifier(r.accountID, field: "account_id")
        }),
        (V1.Orders.cancelOrder.descriptor, .of(V1.CancelOrderRequest.self) { (r: V1.CancelOrderRequest) throws(RPCError) in
            try orderTarget(r.target)
            try Check.text(r.reason, field: "reason")
        }),
        (V1.Orders.replaceOrder.descriptor, .of(V1.ReplaceOrderRequest.self) { (r: V1.ReplaceOrderRequest) throws(RPCError) in
            try orderTarget(r.target)
            try Check.decimal(r.quantity, field: "quantity")
            try Check.decimal(r.limitPrice, field: "limit_price")
            try Check.decimal(r.stopPrice, field: "stop_price")
            try Check.decimal(r.stopLossPrice, field: "stop_loss_price")
            try Check.decimal(r.takeProfitPrice, field: "take_profit_price")
        }),
        (V1.Orders.getOrder.descriptor, .of(V1.GetOrderRequest.self) { (r: V1.GetOrderRequest) throws(RPCError) in
            try orderTarget(r.target)
        }),
        (V1.Orders.listOrders.descriptor, .of(V1.ListOrdersRequest.self) { (r: V1.ListOrdersRequest) throws(RPCError) in
            try Check.symbol(r.symbol, required: false)
            try Check.listLength(r.statuses.count, field: "statuses", max: Int(Known.orderStatus.upperBound))
            for (index, status) in r.statuses.enumerated() {
                try Check.requiredEnum(status, field: "statuses[\(index)]", known: Known.orderStatus)
            }
            try Check.identifier(r.strategyID, field: "strategy_id")
            try Check.pageSize(r.pageSize)
            try Check.text(r.pageToken, field: "page_token", max: Check.maxTextBytes)
            try Check.identifier(r.accountID, field: "account_id")
        }),
        (V1.Orders.subscribeOrders.descriptor, .of(V1.SubscribeOrdersRequest.self) { (r: V1.SubscribeOrdersRequest) throws(RPCError) in
            try Check.symbols(r.symbols)
            try Check.identifier(r.strategyID, field: "strategy_id")
        }),
        (V1.Orders.subscribeFills.descriptor, .of(V1.SubscribeFillsRequest.self) { (r: V1.SubscribeFillsRequest) throws(RPCError) in
            try Check.symbols(r.symbols)
            try Check.identifier(r.strategyID, field: "strategy_id")
        }),

        // Portfolio.
        (V1.Portfolio.getPortfolio.descriptor, .of(V1.GetPortfolioRequest.self) { (r: V1.GetPortfolioRequest) throws(RPCError) in
            try Check.identifier(r.accountID, field: "account_id")
        }),
        (V1.Portfolio.listPositions.descriptor, .of(V1.ListPositionsRequest.self) { (r: V1.ListPositionsRequest) throws(RPCError) in
            try Check.identifier(r.accountID, field: "account_id")
            try Check.symbol(r.symbol, required: false)
        }),
        (V1.Portfolio.subscribePositions.descriptor, .of(V1.SubscribePositionsRequest.self) { (r: V1.SubscribePositionsRequest) throws(RPCError) in
            try Check.symbols(r.symbols)
            try Check.identifier(r.accountID, field: "account_id")
        }),

        // Risk.
        (V1.Risk.getRiskLimits.descriptor, .noFields(V1.GetRiskLimitsRequest.self)),
        (V1.Risk.updateRiskLimits.descriptor, .of(V1.UpdateRiskLimitsRequest.self) { (r: V1.UpdateRiskLimitsRequest) throws(RPCError) in
            guard let limits = r.limits else { throw Check.fail("limits", "required") }
            try riskLimits(limits)
            try Check.text(r.reason, field: "reason")
        }),
        (V1.Risk.getRiskState.descriptor, .of(V1.GetRiskStateRequest.self) { (r: V1.GetRiskStateRequest) throws(RPCError) in
            try Check.identifier(r.accountID, field: "account_id")
        }),
        (V1.Risk.halt.descriptor, .of(V1.HaltRequest.self) { (r: V1.HaltRequest) throws(RPCError) in
            try Check.text(r.reason, field: "reason", required: true)
            try Check.symbol(r.symbol, required: false)
        }),
        (V1.Risk.resume.descriptor, .of(V1.ResumeRequest.self) { (r: V1.ResumeRequest) throws(RPCError) in
            try Check.text(r.reason, field: "reason", required: true)
            try Check.symbol(r.symbol, required: false)
        }),
        (V1.Risk.subscribeRiskEvents.descriptor, .noFields(V1.SubscribeRiskEventsRequest.self)),

        // Market data.
        (V1.MarketData.listInstruments.descriptor, .noFields(V1.ListInstrumentsRequest.self)),
        (V1.MarketData.getQuote.descriptor, .of(V1.GetQuoteRequest.self) { (r: V1.GetQuoteRequest) throws(RPCError) in
            try Check.symbol(r.symbol)
        }),
        (V1.MarketData.subscribeQuotes.descriptor, .of(V1.SubscribeQuotesRequest.self) { (r: V1.SubscribeQuotesRequest) throws(RPCError) in
            try Check.symbols(r.symbols)
        }),

        // Strategies.
        (V1.Strategies.listStrategies.descriptor, .noFields(V1.ListStrategiesRequest.self)),
        (V1.Strategies.startStrategy.descriptor, .of(V1.StartStrategyRequest.self) { (r: V1.StartStrategyRequest) throws(RPCError) in
            try Check.identifier(r.strategyID, field: "strategy_id", required: true)
        }),
        (V1.Strategies.stopStrategy.descriptor, .of(V1.StopStrategyRequest.self) { (r: V1.StopStrategyRequest) throws(RPCError) in
            try Check.identifier(r.strategyID, field: "strategy_id", required: true)
        }),
        (V1.Strategies.submitSignal.descriptor, .of(V1.SubmitSignalRequest.self) { (r: V1.SubmitSignalRequest) throws(RPCError) in
            try Check.identifier(r.signalID, field: "signal_id")
            try Check.identifier(r.strategyID, field: "strategy_id", required: true)
            try Check.symbol(r.symbol)
            try Check.requiredEnum(r.direction, field: "direction", known: Known.signalDirection)
            switch r.size {
            case .quantity(let quantity)?: try Check.decimal(quantity, field: "quantity", required: true)
            case .riskFraction(let fraction)?:
                if let value = try Check.decimal(fraction, field: "risk_fraction", required: true),
                   value.mantissa > pow10(value.scale) {
                    throw Check.fail("risk_fraction", "must be at most 1")
                }
            case nil: break
            }
            try Check.decimal(r.stopPrice, field: "stop_price")
            try Check.decimal(r.takeProfitPrice, field: "take_profit_price")
            try Check.text(r.note, field: "note")
        }),

        // Admin.
        (V1.Admin.createUser.descriptor, .of(V1.CreateUserRequest.self) { (r: V1.CreateUserRequest) throws(RPCError) in
            try IdentityValidation.username(r.username)
            _ = try IdentityValidation.role(r.role)
            try IdentityValidation.password(r.password, username: r.username)
        }),
        (V1.Admin.listUsers.descriptor, .noFields(V1.ListUsersRequest.self)),
        (V1.Admin.setUserRole.descriptor, .of(V1.SetUserRoleRequest.self) { (r: V1.SetUserRoleRequest) throws(RPCError) in
            try IdentityValidation.username(r.username)
            _ = try IdentityValidation.role(r.role)
        }),
        (V1.Admin.disableUser.descriptor, .of(V1.DisableUserRequest.self) { (r: V1.DisableUserRequest) throws(RPCError) in
            try IdentityValidation.username(r.username)
            try IdentityValidation.text(r.reason, field: "reason", max: IdentityValidation.maxReasonLength, required: false)
        }),
        (V1.Admin.createApiToken.descriptor, .of(V1.CreateApiTokenRequest.self) { (r: V1.CreateApiTokenRequest) throws(RPCError) in
            try IdentityValidation.text(r.name, field: "name", max: IdentityValidation.maxNameLength, required: true)
            _ = try IdentityValidation.role(r.role)
            _ = try IdentityValidation.apiTokenLifetime(r.ttlSeconds)
        }),
        (V1.Admin.listApiTokens.descriptor, .noFields(V1.ListApiTokensRequest.self)),
        (V1.Admin.revokeToken.descriptor, .of(V1.RevokeTokenRequest.self) { (r: V1.RevokeTokenRequest) throws(RPCError) in
            try IdentityValidation.text(r.tokenID, field: "token_id", max: 64, required: true)
            try IdentityValidation.text(r.reason, field: "reason", max: IdentityValidation.maxReasonLength, required: false)
        }),
        (V1.Admin.createBackup.descriptor, .of(V1.CreateBackupRequest.self) { (r: V1.CreateBackupRequest) throws(RPCError) in
            try Check.text(r.note, field: "note")
        }),
        (V1.Admin.listBackups.descriptor, .noFields(V1.ListBackupsRequest.self)),
        (V1.Admin.verifyBackup.descriptor, .of(V1.VerifyBackupRequest.self) { (r: V1.VerifyBackupRequest) throws(RPCError) in
            try Check.identifier(r.backupID, field: "backup_id")
        }),
        (V1.Admin.exportAudit.descriptor, .of(V1.ExportAuditRequest.self) { (r: V1.ExportAuditRequest) throws(RPCError) in
            try Check.day(r.day, field: "day")
        }),
        (V1.Admin.verifyAudit.descriptor, .of(V1.VerifyAuditRequest.self) { (r: V1.VerifyAuditRequest) throws(RPCError) in
            try Check.text(r.packagePath, field: "package_path", max: 4096)
        }),
        (V1.Admin.getConfig.descriptor, .noFields(V1.GetConfigRequest.self)),
        (V1.Admin.updateConfig.descriptor, .of(V1.UpdateConfigRequest.self) { (r: V1.UpdateConfigRequest) throws(RPCError) in
            // The document is JSON: newlines and tabs are fine, so only its size is bounded here.
            guard !r.document.isEmpty else { throw Check.fail("document", "required") }
            guard r.document.utf8.count <= maxConfigDocumentBytes else {
                throw Check.fail("document", "at most \(maxConfigDocumentBytes) bytes")
            }
            try Check.text(r.comment, field: "comment")
        }),
        (V1.Admin.listConfigVersions.descriptor, .of(V1.ListConfigVersionsRequest.self) { (r: V1.ListConfigVersionsRequest) throws(RPCError) in
            try Check.pageSize(r.limit, field: "limit")
        }),

        // System and health.
        (V1.System.getStatus.descriptor, .noFields(V1.GetStatusRequest.self)),
        (GRPCHealthV1.Health.check.descriptor, .of(GRPCHealthV1.HealthCheckRequest.self) { (r: GRPCHealthV1.HealthCheckRequest) throws(RPCError) in
            try Check.text(r.service, field: "service", max: 256)
        }),
        (GRPCHealthV1.Health.watch.descriptor, .of(GRPCHealthV1.HealthCheckRequest.self) { (r: GRPCHealthV1.HealthCheckRequest) throws(RPCError) in
            try Check.text(r.service, field: "service", max: 256)
        }),
    ]

    static func orderTarget(_ target: TradebotV1.OrderTarget?) throws(RPCError) {
        switch target {
        case .orderID(let id)?: try Check.identifier(id, field: "order_id", required: true)
        case .clientOrderID(let id)?: try Check.identifier(id, field: "client_order_id", required: true)
        case nil: throw Check.fail("order_id", "order_id or client_order_id is required")
        }
    }

    static func riskLimits(_ limits: TradebotV1.RiskLimits) throws(RPCError) {
        try Check.decimal(limits.maxOrderQuantity, field: "limits.max_order_quantity", sign: .nonNegative)
        try Check.decimal(limits.maxOrderNotional, field: "limits.max_order_notional", sign: .nonNegative)
        try Check.decimal(limits.maxPositionQuantity, field: "limits.max_position_quantity", sign: .nonNegative)
        try Check.decimal(limits.maxGrossExposure, field: "limits.max_gross_exposure", sign: .nonNegative)
        try Check.decimal(limits.priceCollarFraction, field: "limits.price_collar_fraction", sign: .nonNegative)
        try Check.decimal(limits.dailyLossLimit, field: "limits.daily_loss_limit", sign: .nonNegative)
        try Check.decimal(limits.maxDrawdownFraction, field: "limits.max_drawdown_fraction", sign: .nonNegative)
        try Check.decimal(limits.riskFractionPerTrade, field: "limits.risk_fraction_per_trade", sign: .nonNegative)
        try Check.listLength(limits.instrumentLimits.count, field: "limits.instrument_limits", max: maxInstrumentLimits)
        for (symbol, instrument) in limits.instrumentLimits.sorted(by: { $0.key < $1.key }) {
            try Check.symbol(symbol, field: "limits.instrument_limits key")
            let field = "limits.instrument_limits[\(symbol)]"  // a valid symbol: safe to name
            try Check.decimal(instrument.maxOrderQuantity, field: field + ".max_order_quantity", sign: .nonNegative)
            try Check.decimal(instrument.maxOrderNotional, field: field + ".max_order_notional", sign: .nonNegative)
            try Check.decimal(instrument.maxPositionQuantity, field: field + ".max_position_quantity", sign: .nonNegative)
            try Check.decimal(instrument.priceCollarFraction, field: field + ".price_collar_fraction", sign: .nonNegative)
        }
    }

    static func pow10(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value = value.multipliedReportingOverflow(by: 10).partialValue }
        return value
    }
}
