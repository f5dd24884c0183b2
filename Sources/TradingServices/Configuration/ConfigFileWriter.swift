#if canImport(Glibc)
import Glibc
#endif

/// Saves a configuration document so a crash leaves the old file or the new one, never a mix:
/// write a temporary file next to it (mode 0600), fsync, rename over the target, fsync the directory.
enum ConfigFileWriter {
    static func write(_ text: String, to path: String) throws(ConfigurationError) {
        let temporary = path + ".tmp"
        func failure(_ what: String) -> ConfigurationError {
            .invalidDocument(source: path, keyPath: "", reason: "cannot save the configuration (\(what): \(String(cString: strerror(errno))))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open \(temporary)") }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure("write \(temporary)")
                close(fd)
                unlink(temporary)
                throw error
            }
            offset += n
        }
        bytes.removeAll()
        guard fsync(fd) == 0 else {
            let error = failure("fsync \(temporary)")
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let error = failure("close \(temporary)")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("rename to \(path)")
            unlink(temporary)
            throw error
        }
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let dirfd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw failure("open \(directory)") }
        defer { close(dirfd) }
        guard fsync(dirfd) == 0 else { throw failure("fsync \(directory)") }
    }
}
