/// Issues engine order ids. Must be monotonic; restored from a snapshot on restart.
public protocol OrderIDSource: AnyObject {
    func nextOrderID() -> OrderID
    /// The id the next call would return (for snapshots).
    var peekNext: UInt64 { get }
}
