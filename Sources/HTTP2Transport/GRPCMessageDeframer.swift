/// Splits a gRPC byte stream into length-prefixed messages (1-byte flag, 4-byte big-endian length).
///
/// DATA-frame boundaries have no relation to message boundaries: bytes may arrive split or
/// merged arbitrarily. The declared length is checked against the limit as soon as the 5-byte
/// prefix is complete, before any of the body is buffered.
struct GRPCMessageDeframer {
    enum Failure: Error, Equatable {
        /// The prefix declares a message larger than the limit.
        case messageTooLarge(length: Int, limit: Int)
        /// The compressed flag is set; the caller decides INTERNAL vs UNIMPLEMENTED from
        /// `grpc-encoding`.
        case compressed
        /// A flag byte other than 0 or 1.
        case invalidFlag(UInt8)
    }

    let maxMessageSize: Int
    private var pending: [UInt8] = []
    private var expected = -1          // body length of the message being assembled, -1 = reading prefix

    init(maxMessageSize: Int) { self.maxMessageSize = maxMessageSize }

    /// True when bytes of an incomplete message are buffered (a length prefix larger than the data).
    var hasPartialMessage: Bool { !pending.isEmpty || expected >= 0 }

    /// Bytes of incomplete messages held right now.
    var bufferedByteCount: Int { pending.count }

    /// Feeds bytes and calls `onMessage` for each complete message, in order.
    mutating func process(_ bytes: UnsafeRawBufferPointer, onMessage: ([UInt8]) -> Void) throws(Failure) {
        var input = bytes[...]
        while !input.isEmpty {
            if expected < 0 {
                // Fast path: a whole message in the input and nothing pending.
                let need = 5 - pending.count
                if input.count < need {
                    pending.append(contentsOf: input)
                    return
                }
                pending.append(contentsOf: input.prefix(need))
                input = input.dropFirst(need)
                let flag = pending[0]
                if flag > 1 { throw .invalidFlag(flag) }
                if flag == 1 { throw .compressed }
                let length = Int(pending[1]) << 24 | Int(pending[2]) << 16 | Int(pending[3]) << 8 | Int(pending[4])
                if length > maxMessageSize { throw .messageTooLarge(length: length, limit: maxMessageSize) }
                pending.removeAll(keepingCapacity: true)
                expected = length
                if length == 0 {
                    expected = -1
                    onMessage([])
                    continue
                }
                if input.count >= length && pending.isEmpty {
                    onMessage(Array(input.prefix(length)))
                    input = input.dropFirst(length)
                    expected = -1
                    continue
                }
            }
            let take = min(expected - pending.count, input.count)
            if pending.isEmpty { pending.reserveCapacity(expected) }
            pending.append(contentsOf: input.prefix(take))
            input = input.dropFirst(take)
            if pending.count == expected {
                onMessage(pending)
                pending = []
                expected = -1
            }
        }
    }

    /// Frames one message: `[0][length BE][bytes]`.
    static func frame(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 5)
        appendFrame(message, to: &out)
        return out
    }

    static func appendFrame(_ message: [UInt8], to out: inout [UInt8]) {
        let n = UInt32(truncatingIfNeeded: message.count)
        out.append(0)
        out.append(UInt8(n >> 24))
        out.append(UInt8(n >> 16 & 0xFF))
        out.append(UInt8(n >> 8 & 0xFF))
        out.append(UInt8(n & 0xFF))
        out.append(contentsOf: message)
    }
}
