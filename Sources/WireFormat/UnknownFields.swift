/// Fields a decoder did not recognise, kept byte for byte (tag and payload) in arrival order.
///
/// A message decoded from a newer peer and re-encoded keeps them, so a proxy or a store that
/// round-trips messages never silently drops data. They are appended after the known fields on
/// encode. Empty (and allocation-free) in the common case.
public struct UnknownFields: Sendable, Equatable, Hashable {
    /// The raw wire bytes of the unknown fields.
    public var bytes: [UInt8]

    @inlinable
    public init() { bytes = [] }

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// True when no unknown field was seen.
    @inlinable
    public var isEmpty: Bool { bytes.isEmpty }
}
