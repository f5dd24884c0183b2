/// A proto3 enum: every Int32 is a valid value, and values this build does not know are kept raw.
///
/// Conforming Swift enums have a case per known value plus `unrecognized(Int32)`, so a newer
/// peer's value survives a decode/encode round trip instead of failing or being zeroed.
public protocol WireEnum: Sendable, Hashable {
    /// Maps any wire value to a case (unknown ones to `unrecognized`).
    init(rawValue: Int32)
    /// The wire value.
    var rawValue: Int32 { get }
}
