/// Ordered, multi-valued RPC metadata (HTTP/2 headers or trailers that are not gRPC-reserved).
///
/// Names are stored lower-case, as HTTP/2 requires. Values of `-bin` keys are kept as the
/// base64 text that travelled on the wire.
public struct Metadata: Sendable, Hashable, Sequence {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    private var entries: [Entry]

    public init() { entries = [] }

    public init(_ pairs: [(String, String)]) {
        entries = pairs.map { Entry(name: $0.0.lowercased(), value: $0.1) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Appends a value; existing values for the same name are kept.
    public mutating func add(_ name: String, _ value: String) {
        entries.append(Entry(name: Self.lowercase(name), value: value))
    }

    /// HTTP/2 names arrive lower-case already: avoid the copy then.
    private static func lowercase(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : name
    }

    /// Replaces every value of `name` with `value`.
    public mutating func replace(_ name: String, _ value: String) {
        let key = name.lowercased()
        entries.removeAll { $0.name == key }
        entries.append(Entry(name: key, value: value))
    }

    /// The first value for `name` (case-insensitive), if any.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return entries.first { $0.name == key }?.value
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return entries.filter { $0.name == key }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}
