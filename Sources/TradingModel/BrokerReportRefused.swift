/// Payload of `brokerReportRefused`.
public struct BrokerReportRefused: Hashable, Sendable, Codable {
    public let orderID: OrderID
    public let problem: BrokerReportProblem
    public init(orderID: OrderID, problem: BrokerReportProblem) {
        self.orderID = orderID
        self.problem = problem
    }
}
