/// Carries a loop-confined value through a `@Sendable` closure back to its own event loop.
///
/// The value must only be touched on the loop that owns it; this wrapper only silences the
/// compiler for the trip (the same idea as swift-nio's `NIOLoopBound`).
public struct LoopBound<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
