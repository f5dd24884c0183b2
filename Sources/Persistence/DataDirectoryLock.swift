#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<data>/tradebot.lock`, held for as long as a store (or a restore) uses
/// the data directory.
///
/// Why: two writers on one journal would interleave sequences, and a restore must never replace
/// the database under a running server. `flock` is released by the kernel when the process dies
/// (including `kill -9`), so a stale lock file never blocks a restart.
/// Threading: owned by one `EventStore`; `release()` is called once, from `close()`.
final class DataDirectoryLock {
    static let fileName = "tradebot.lock"
    let path: String
    private var fd: Int32

    init(directory: String) throws(StoreError) {
        path = directory + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw FileSystem.errnoError(code, path: code == ENOENT ? directory : path,
                                        "cannot create the lock file in the data directory")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            Glibc.close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw StoreError(.inUse, path: directory,
                                 message: "the data directory is in use by another process (lock \(path) is held)")
            }
            throw FileSystem.errnoError(code, path: path, "cannot lock")
        }
        // Best effort: record who holds it, for operators. The lock, not the text, is authoritative.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// True when some process holds the lock on `directory` (checked without keeping it).
    static func isHeld(directory: String) -> Bool {
        let path = directory + "/" + fileName
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }

    func release() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { release() }
}
