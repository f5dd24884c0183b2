/// The immutable byte copy behind a `WireStringStorage`: one allocation holding the count (as
/// the header) and the bytes (as the tail elements).
///
/// A final class with no stored properties laid out through `ManagedBufferPointer`, rather than
/// `[UInt8]` or a `ManagedBuffer` subclass: creating it needs no generic metadata lookup and
/// destroying it runs no generic deinitializer (each of those cost as much as the copy itself).
/// Written only while being created and never changed afterwards, so it is safe to share.
public final class WireStringBytes: Sendable {
    @usableFromInline typealias Layout = ManagedBufferPointer<Int, UInt8>

    /// A copy of `first` followed by `second`.
    @inlinable
    static func copy(_ first: UnsafeRawBufferPointer,
                     then second: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> WireStringBytes {
        let count = first.count &+ second.count
        let layout = Layout(bufferClass: WireStringBytes.self, minimumCapacity: count) { _, _ in count }
        layout.withUnsafeMutablePointerToElements { elements in
            let target = UnsafeMutableRawPointer(elements)
            if let base = first.baseAddress { target.copyMemory(from: base, byteCount: first.count) }
            if let base = second.baseAddress { (target + first.count).copyMemory(from: base, byteCount: second.count) }
        }
        return unsafeDowncast(layout.buffer, to: WireStringBytes.self)
    }

    /// Number of bytes held.
    @inlinable
    var count: Int { Layout(unsafeBufferObject: self).header }

    /// Calls `body` with the bytes.
    @inlinable
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Layout(unsafeBufferObject: self).withUnsafeMutablePointers { header, elements in
            body(UnsafeBufferPointer(start: elements, count: header.pointee))
        }
    }
}
