/// Percent-encoding of the `grpc-message` trailer (grpc/doc/PROTOCOL-HTTP2.md).
///
/// Bytes 0x20–0x7E except `%` travel raw; every other byte of the UTF-8 text becomes `%XX`
/// (upper-case hex). Decoding never fails: malformed escapes are passed through unchanged.
public enum StatusMessageCoding {
    public static func encode(_ message: String) -> String {
        var needs = false
        for b in message.utf8 where b < 0x20 || b > 0x7E || b == 0x25 { needs = true; break }
        if !needs { return message }
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(message.utf8.count * 3)
        for b in message.utf8 {
            if b >= 0x20 && b <= 0x7E && b != 0x25 {
                out.append(b)
            } else {
                out.append(0x25)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.contains(0x25) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count,
               let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
