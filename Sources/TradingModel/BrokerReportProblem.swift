/// Why a broker report was refused.
public enum BrokerReportProblem: Hashable, Sendable, Codable {
    case unknownOrder
    case duplicateTrade(TradeID)
    case illegalTransition(IllegalTransition)
    case overfill(leaves: Quantity, attempted: Quantity)
    case invalidFill(String)
}
