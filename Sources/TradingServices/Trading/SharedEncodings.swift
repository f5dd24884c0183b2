import RPCCore
import WireFormat

/// Wire bytes of stream messages, encoded once per journal sequence and shared by every
/// subscriber that sends the same message (all `SubscribeFills` subscribers get the same
/// `FillEvent` for a fill: the account is the server's one, filters only decide whether to send).
/// With 1,000 subscribers this turns 1,000 encodings of a fill into one.
///
/// A ring indexed by sequence: a subscriber that lags past the ring simply encodes again (same
/// bytes). The ring spans as many sequences as a subscriber may lag before its feed is cut off
/// (4,096 fills, at about four engine events per fill): at 1,024 slots, subscribers that fell
/// ~250 fills behind under load each encoded every fill again, which cost CPU exactly when it was
/// short and churned the allocator (server RSS ~385 MiB at 500 orders/s, ~253 MiB with this ring). 16,384 slots of
/// ~200-byte encodings are ~3 MiB.
///
/// Threading: any thread; one pthread lock around the ring (the encoding runs outside it).
final class SharedEncodings: Sendable {
    private struct Slot {
        var sequence: Int64 = -1
        var bytes: [UInt8] = []
    }

    private let slots: Locked<[Slot]>
    private let mask: Int

    /// `size` is rounded up to a power of two.
    init(size: Int = 16_384) {
        var n = 1
        while n < size { n <<= 1 }
        slots = Locked(Array(repeating: Slot(), count: n))
        mask = n - 1
    }

    /// The bytes for `sequence`, from the ring or from `encode` (then remembered).
    func bytes(for sequence: Int64, _ encode: () -> [UInt8]) -> EncodedMessage {
        let index = Int(truncatingIfNeeded: sequence) & mask
        if let hit = slots.withLock({ $0[index].sequence == sequence ? $0[index].bytes : nil }) {
            return EncodedMessage(bytes: hit)
        }
        let bytes = encode()
        slots.withLock { $0[index] = Slot(sequence: sequence, bytes: bytes) }
        return EncodedMessage(bytes: bytes)
    }
}

/// A message whose wire bytes were produced earlier (see `SharedEncodings`); writing it copies
/// the bytes instead of encoding again.
struct EncodedMessage: WireMessage {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    init(wireBytes raw: UnsafeRawBufferPointer) throws(WireDecodingError) { bytes = Array(raw) }

    func encode(to encoder: inout WireEncoder) { encoder.appendRaw(bytes) }
}
