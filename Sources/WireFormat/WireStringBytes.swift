/// The immutable byte copy behind a `WireStringStorage`: one allocation holding the count and
/// the bytes.
///
/// A non-generic `ManagedBuffer` subclass rather than `[UInt8]`, so creating one needs no
/// generic metadata lookup (which cost as much as the copy itself). Written only while being
/// created and never changed afterwards, which is why `WireStringStorage` may share it across
/// threads (`ManagedBuffer` itself is marked never-Sendable, so the claim is made there).
public final class WireStringBytes: ManagedBuffer<Int, UInt8> {
    /// A copy of `first` followed by `second`.
    @inlinable
    static func copy(_ first: UnsafeRawBufferPointer, then second: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> WireStringBytes {
        let count = first.count &+ second.count
        let buffer = create(minimumCapacity: count) { _ in count }
        buffer.withUnsafeMutablePointerToElements { elements in
            let target = UnsafeMutableRawPointer(elements)
            if let base = first.baseAddress { target.copyMemory(from: base, byteCount: first.count) }
            if let base = second.baseAddress { (target + first.count).copyMemory(from: base, byteCount: second.count) }
        }
        return unsafeDowncast(buffer, to: WireStringBytes.self)
    }

    /// Number of bytes held.
    @inlinable
    var count: Int { header }

    /// Calls `body` with the bytes.
    @inlinable
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeMutablePointers { header, elements in
            body(UnsafeBufferPointer(start: elements, count: header.pointee))
        }
    }
}
