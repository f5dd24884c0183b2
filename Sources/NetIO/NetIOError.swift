import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Every failure of a system or OpenSSL call, typed. Produced only through `SystemCall`.
public enum NetIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A libc call failed with `errno`.
    case system(call: String, errno: Int32)
    /// An OpenSSL call failed; `reason` is the drained OpenSSL error queue.
    case tls(call: String, reason: String)
    /// A host name did not resolve.
    case addressResolution(host: String, reason: String)
    /// The TLS handshake did not finish in time.
    case handshakeTimeout
    /// The peer closed the connection (or it was closed locally).
    case connectionClosed
    /// The peer did not negotiate `h2`.
    case alpnMismatch

    public var description: String {
        switch self {
        case .system(let call, let e): return "\(call): \(String(cString: strerror(e))) (errno \(e))"
        case .tls(let call, let reason): return "\(call): \(reason)"
        case .addressResolution(let host, let reason): return "cannot resolve \(host): \(reason)"
        case .handshakeTimeout: return "TLS handshake timed out"
        case .connectionClosed: return "connection closed"
        case .alpnMismatch: return "peer did not negotiate h2"
        }
    }
}

/// The one helper that turns C return codes into typed errors.
enum SystemCall {
    /// Returns `result` unless it is negative, in which case it throws `.system` with `errno`.
    @discardableResult
    static func check<T: BinaryInteger>(_ call: String, _ result: T) throws(NetIOError) -> T {
        if result < 0 { throw .system(call: call, errno: errno) }
        return result
    }

    /// Throws `.tls` with the OpenSSL error queue unless `ok`.
    static func checkTLS(_ call: String, _ ok: Bool) throws(NetIOError) {
        if !ok { throw .tls(call: call, reason: opensslErrors()) }
    }

    /// Returns the pointer or throws `.tls`.
    static func checkTLS<P>(_ call: String, _ pointer: P?) throws(NetIOError) -> P {
        guard let pointer else { throw .tls(call: call, reason: opensslErrors()) }
        return pointer
    }

    /// Drains this thread's OpenSSL error queue into one line.
    static func opensslErrors() -> String {
        var parts: [String] = []
        while true {
            let e = ERR_get_error()
            if e == 0 { break }
            var buf = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(e, &buf, buf.count)
            parts.append(buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return parts.isEmpty ? "unknown OpenSSL error" : parts.joined(separator: "; ")
    }
}
