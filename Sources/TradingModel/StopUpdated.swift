/// Payload of `stopUpdated`: the stops of a position after arming or a trailing move.
public struct StopUpdated: Hashable, Sendable, Codable {
    public let symbol: Symbol
    public let previousStop: Price?
    public let stops: PositionStops
    public init(symbol: Symbol, previousStop: Price?, stops: PositionStops) {
        self.symbol = symbol
        self.previousStop = previousStop
        self.stops = stops
    }
}
