#if canImport(Glibc)
import Glibc
#endif

/// Sequential reader over a file descriptor. Not Sendable; one owner.
final class FileHandleReader {
    let path: String
    private var fd: Int32

    init(path: String) throws(StoreError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.errnoError(errno, path: path, "cannot open for reading") }
    }

    /// Returns nil at end of file.
    func read(maxCount: Int) throws(StoreError) -> [UInt8]? {
        guard maxCount > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: maxCount)
        var filled = 0
        while filled < maxCount {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(fd, base + filled, maxCount - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystem.errnoError(errno, path: path, "read failed")
            }
            if n == 0 { break }
            filled += n
        }
        if filled == 0 { return nil }
        buffer.removeSubrange(filled...)
        return buffer
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
