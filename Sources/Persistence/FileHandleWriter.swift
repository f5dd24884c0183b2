#if canImport(Glibc)
import Glibc
#endif

/// Sequential writer that creates (or truncates) a file with mode 0600. Not Sendable; one owner.
final class FileHandleWriter {
    let path: String
    private var fd: Int32

    init(path: String, exclusive: Bool = false) throws(StoreError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw FileSystem.errnoError(errno, path: path, "cannot create") }
    }

    func write(_ bytes: [UInt8]) throws(StoreError) {
        let code = bytes.withUnsafeBytes { raw in write(raw) }
        guard code == 0 else { throw FileSystem.errnoError(code, path: path, "write failed") }
    }

    /// Writes everything; returns 0 or the errno of the failed write.
    func write(_ raw: UnsafeRawBufferPointer) -> Int32 {
        guard let base = raw.baseAddress else { return 0 }
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    func sync() throws(StoreError) {
        guard fsync(fd) == 0 else { throw FileSystem.errnoError(errno, path: path, "fsync failed") }
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
