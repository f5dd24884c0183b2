/// Bad market data, naming the file and line so the user can fix it.
public struct MarketDataError: Error, Hashable, Sendable, CustomStringConvertible {
    public let source: String
    /// 1-based line number (the header is line 1).
    public let line: Int
    public let message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String { "\(source):\(line): \(message)" }
}
