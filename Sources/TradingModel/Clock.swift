/// The engine's only source of time. Live: the system clock; replay and tests: a clock
/// the driver sets, which is why the engine never calls the OS for time.
public protocol Clock: AnyObject {
    var now: Timestamp { get }
}
