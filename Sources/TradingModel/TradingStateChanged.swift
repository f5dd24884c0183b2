/// Payload of `tradingStateChanged`: one source's restriction of a scope changed.
public struct TradingStateChanged: Hashable, Sendable, Codable {
    public let scope: TradingScope
    public let source: RestrictionSource
    /// The level this source now imposes (`active` = lifted).
    public let sourceState: TradingState
    public let previous: TradingState
    /// The scope's effective state (most restrictive over all sources).
    public let current: TradingState
    public let reason: String
    /// Who asked for the change: the admin's username (or `api-token:<id>`) for admin halts,
    /// resumes and the kill switch; nil for rule-driven changes. Absent in older journals.
    public let principal: String?
    public init(scope: TradingScope, source: RestrictionSource, sourceState: TradingState, previous: TradingState,
                current: TradingState, reason: String, principal: String? = nil) {
        self.scope = scope
        self.source = source
        self.sourceState = sourceState
        self.previous = previous
        self.current = current
        self.reason = reason
        self.principal = principal
    }
}
