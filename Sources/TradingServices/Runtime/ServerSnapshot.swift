/// The snapshot row the server stores with `EventStore.saveSnapshot`: a list of sections, in a
/// small hand-written container (format `tradebot.sections/1`) so megabytes of section data are
/// copied, not encoded value by value.
///
/// ```
/// "TBSS" u32(section count) { str(name) str(format) i64(through) u64(length) bytes }*
/// str := u32(length) UTF-8; integers little-endian
/// ```
/// The row's own sequence is the smallest `through`, so `EventStore`'s "keep the newest K" keeps
/// the most recent complete ones.
public struct ServerSnapshot: Sendable, Equatable {
    public static let format = "tradebot.sections/1"
    public var sections: [SnapshotSection]

    public init(sections: [SnapshotSection]) { self.sections = sections }

    /// Why stored bytes are not a snapshot this build can read.
    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = Array("TBSS".utf8)
        out.reserveCapacity(sections.reduce(64) { $0 + $1.data.count + $1.name.utf8.count + $1.format.utf8.count + 24 })
        Self.append(UInt32(sections.count), to: &out)
        for s in sections {
            Self.append(s.name, to: &out)
            Self.append(s.format, to: &out)
            Self.append(UInt64(bitPattern: s.through), to: &out)
            Self.append(UInt64(s.data.count), to: &out)
            out.append(contentsOf: s.data)
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> ServerSnapshot {
        var p = 0
        func take(_ n: Int) throws(FormatError) -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.count - p else { throw FormatError(description: "snapshot truncated at byte \(p)") }
            defer { p += n }
            return bytes[p..<(p + n)]
        }
        func integer<T: FixedWidthInteger>(_ type: T.Type) throws(FormatError) -> T {
            var v: T = 0
            for (i, b) in try take(MemoryLayout<T>.size).enumerated() { v |= T(b) << (8 * i) }
            return v
        }
        func string() throws(FormatError) -> String {
            let n = try integer(UInt32.self)
            guard let s = String(validating: try take(Int(n)), as: UTF8.self) else {
                throw FormatError(description: "invalid UTF-8 at byte \(p)")
            }
            return s
        }
        guard try take(4).elementsEqual("TBSS".utf8) else { throw FormatError(description: "not a sections snapshot") }
        let count = try integer(UInt32.self)
        var sections: [SnapshotSection] = []
        for _ in 0..<count {
            let name = try string()
            let format = try string()
            let through = Int64(bitPattern: try integer(UInt64.self))
            let length = try integer(UInt64.self)
            guard length <= UInt64(bytes.count - p) else { throw FormatError(description: "section \(name) truncated") }
            sections.append(SnapshotSection(name: name, format: format, through: through, data: Array(try take(Int(length)))))
        }
        guard p == bytes.count else { throw FormatError(description: "\(bytes.count - p) bytes after the last section") }
        return ServerSnapshot(sections: sections)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ value: String, to out: inout [UInt8]) {
        append(UInt32(value.utf8.count), to: &out)
        out.append(contentsOf: value.utf8)
    }
}
