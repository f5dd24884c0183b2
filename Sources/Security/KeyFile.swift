#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

/// Reading and writing PEM key files with the permissions a secret needs.
///
/// Private keys are written 0600 to a temporary file in the same directory, fsynced, then
/// renamed over the target (a crash never leaves a half-written key). Reading a private key
/// refuses group/world-accessible files, like OpenSSH does: a key that others could read
/// must be treated as leaked, and failing loudly is the only way the operator learns of it.
public enum KeyFile {
    public enum FileError: Error, Sendable, Equatable {
        /// errno of the failing call and what was being done.
        case system(operation: String, errno: Int32)
        /// A private key file readable or writable by group or others (mode given, octal).
        case insecurePermissions(path: String, mode: UInt32)
        case notARegularFile(path: String)
        case tooLarge(path: String)
    }

    static let maxPEMBytes = 64 * 1024

    /// Writes `pem` to `path` atomically with `mode` (0600 for private keys).
    public static func write(_ pem: String, to path: String, mode: mode_t = 0o600) throws(FileError) {
        var suffix: [UInt8] = []
        do { suffix = try SecureRandom.bytes(6) } catch { suffix = [0, 1, 2, 3, 4, 5] }
        let temporary = path + ".tmp-" + SHA256Digest.hexString(suffix)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw .system(operation: "open \(temporary)", errno: errno) }
        var closed = false
        defer { if !closed { close(fd); unlink(temporary) } }
        // The umask may have removed bits but never adds them; fchmod makes the mode exact.
        guard fchmod(fd, mode) == 0 else { throw .system(operation: "fchmod", errno: errno) }
        let bytes = Array(pem.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "write", errno: errno)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw .system(operation: "fsync", errno: errno) }
        closed = true
        guard close(fd) == 0 else { unlink(temporary); throw .system(operation: "close", errno: errno) }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system(operation: "rename to \(path)", errno: code)
        }
    }

    /// Reads a PEM file. With `isSecret`, refuses files accessible by group or others.
    public static func read(_ path: String, isSecret: Bool) throws(FileError) -> String {
        let fd = open(path, O_RDONLY | O_NOFOLLOW)
        guard fd >= 0 else { throw .system(operation: "open \(path)", errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(operation: "fstat \(path)", errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        if isSecret, info.st_mode & 0o077 != 0 {
            throw .insecurePermissions(path: path, mode: UInt32(info.st_mode & 0o7777))
        }
        guard info.st_size <= maxPEMBytes else { throw .tooLarge(path: path) }
        var buffer = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while total < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemRead(fd, base + total, raw.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "read \(path)", errno: errno)
            }
            if n == 0 { break }
            total += n
        }
        defer { OPENSSL_cleanse_array(&buffer) }
        return String(decoding: buffer.prefix(total), as: UTF8.self)
    }
}
