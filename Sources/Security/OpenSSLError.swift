import COpenSSL

/// A failed OpenSSL call: which operation failed and what OpenSSL's error queue said.
///
/// Every OpenSSL call in this module goes through `OpenSSLError.check` (or an explicit
/// comparison) so a failure becomes a typed error instead of a silently ignored return code.
/// The error queue is per thread, so it is drained here, on the thread that made the call.
public struct OpenSSLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The OpenSSL function (or step) that failed.
    public let operation: String
    /// The drained error-queue lines, oldest first (may be empty).
    public let details: [String]

    public init(operation: String, details: [String]) {
        self.operation = operation
        self.details = details
    }

    /// Builds an error for `operation` and drains this thread's OpenSSL error queue into it.
    static func drain(_ operation: String) -> OpenSSLError {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            let line = buffer.withUnsafeMutableBufferPointer { raw -> String in
                guard let base = raw.baseAddress else { return "" }
                ERR_error_string_n(code, base, raw.count)
                return String(decoding: UnsafeRawBufferPointer(start: base, count: strlen(base)), as: UTF8.self)
            }
            if lines.count < 8 { lines.append(line) }
        }
        return OpenSSLError(operation: operation, details: lines)
    }

    /// Throws unless `result` is exactly 1, OpenSSL's success value for most EVP calls.
    static func check(_ result: Int32, _ operation: String) throws(OpenSSLError) {
        guard result == 1 else { throw drain(operation) }
    }

    public var description: String {
        details.isEmpty ? "\(operation) failed" : "\(operation) failed: \(details.joined(separator: "; "))"
    }
}
