/// String fields kept as slices of a message's `WireStringStorage`, and the UTF-8 check they use.
extension WireDecoder {
    /// Reads a string field into `field`, rejecting bytes that are not UTF-8 exactly as
    /// `decodeString(_:)` does. When the bytes lie in the window `storage` copied (the message being
    /// decoded), only their place is kept; otherwise the field gets its own `String` (`fieldCount`
    /// is the message's number of string fields, to size the storage's string list once).
    @inlinable @inline(__always)
    public mutating func decodeString(_ tag: WireTag, into field: inout WireStringField,
                                      storage: inout WireStringStorage, fieldCount: Int) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        if range.isEmpty {
            field = WireStringField()
            return
        }
        guard let base = buffer.baseAddress else { throw .truncated }
        let payload = UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
        if !WireDecoder.isASCII(payload) {
            // Rare in this API (ids, symbols, decimals): let the standard library decide, so the
            // accepted set is exactly that of the eager decoder.
            guard String._tryFromUTF8(payload.assumingMemoryBound(to: UInt8.self)) != nil else {
                throw .invalidUTF8(field: tag.fieldNumber)
            }
        }
        if let offset = storage.offset(of: range, at: UInt(bitPattern: base)) {
            field = WireStringField(start: offset, count: range.count)
        } else {
            field.set(String(decoding: payload.assumingMemoryBound(to: UInt8.self), as: UTF8.self),
                      in: &storage, fieldCount: fieldCount)
        }
    }

    /// True when every byte is below 0x80, checked eight bytes at a time. Reads only `bytes`.
    @inlinable @inline(__always)
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return true }
        var bits: UInt64 = 0
        if count >= 8 {
            var index = 0
            while index &+ 8 <= count {
                bits |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index &+= 8
            }
            // The tail overlaps bytes already seen, which is harmless for an OR.
            if index < count { bits |= base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) }
        } else if count >= 4 {
            bits = UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        } else {
            for index in 0..<count { bits |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) }
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}
