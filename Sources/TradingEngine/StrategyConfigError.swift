/// A strategy parameter set that cannot work.
public enum StrategyConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let s): return s }
    }
}
