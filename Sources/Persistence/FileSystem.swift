import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small POSIX file helpers with errors that name the file. Stateless; callable from any thread.
enum FileSystem {
    static func errnoError(_ code: Int32, path: String, _ action: String) -> StoreError {
        let text = String(cString: strerror(code))
        let kind: StoreError.Kind
        switch code {
        case EROFS, EACCES, EPERM: kind = .readOnly
        case ENOSPC, EDQUOT, EFBIG: kind = .diskFull
        default: kind = .io
        }
        return StoreError(kind, path: path, message: "\(action): \(text) (errno \(code))")
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    static func createDirectory(_ path: String) throws(StoreError) {
        if isDirectory(path) { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let code = (error as NSError).userInfo[NSUnderlyingErrorKey].flatMap { ($0 as? NSError)?.code }
            throw errnoError(Int32(code ?? Int(EIO)), path: path, "cannot create directory")
        }
    }

    /// Lists a directory's entries (names only), sorted.
    static func list(_ path: String) throws(StoreError) -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
            throw StoreError(.io, path: path, message: "cannot list directory: \(error)")
        }
    }

    static func removeTree(_ path: String) throws(StoreError) {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw StoreError(.io, path: path, message: "cannot remove: \(error)")
        }
    }

    static func rename(_ from: String, _ to: String) throws(StoreError) {
        guard Glibc.rename(from, to) == 0 else { throw errnoError(errno, path: from, "cannot rename to \(to)") }
    }

    /// fsync of a file or directory, so a rename or a new file survives power loss.
    static func sync(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errnoError(errno, path: path, "cannot open for fsync") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw errnoError(errno, path: path, "fsync failed") }
    }

    /// Copies a file byte for byte (used to preserve damaged files before SQLite touches them).
    static func copyFile(_ from: String, _ to: String) throws(StoreError) {
        let input = try FileHandleReader(path: from)
        defer { input.close() }
        let output = try FileHandleWriter(path: to)
        defer { output.close() }
        while let chunk = try input.read(maxCount: 1 << 20) { try output.write(chunk) }
        try output.sync()
    }

    /// Reads up to `count` bytes from the start of a file.
    static func readPrefix(_ path: String, count: Int) throws(StoreError) -> [UInt8] {
        let input = try FileHandleReader(path: path)
        defer { input.close() }
        return try input.read(maxCount: count) ?? []
    }

    /// Why writes next to `databasePath` may be failing for lack of space, or nil: the filesystem
    /// is (almost) full, or the file or its WAL reached this process's file-size limit (RLIMIT_FSIZE).
    static func spaceProblem(near databasePath: String) -> String? {
        let directory = String(databasePath[..<(databasePath.lastIndex(of: "/") ?? databasePath.endIndex)])
        var fs = statvfs()
        if statvfs(directory.isEmpty ? "." : directory, &fs) == 0 {
            let free = UInt64(fs.f_bavail) * UInt64(fs.f_frsize)
            if free < 1 << 20 { return "no space left on the filesystem of \(directory): \(free) bytes free" }
        }
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            let largest = [databasePath, databasePath + "-wal"].compactMap(size).max() ?? 0
            if UInt64(largest) + (1 << 16) >= UInt64(limit.rlim_cur) {
                return "file size limit reached: RLIMIT_FSIZE is \(limit.rlim_cur) bytes, file is \(largest) bytes (File too large)"
            }
        }
        return nil
    }

    /// Nanoseconds since the Unix epoch (wall clock).
    static func nowNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// Monotonic nanoseconds, for measuring durations.
    static func monotonicNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// UTC timestamp usable as a directory name that sorts by time: `20261124T233012.345Z`.
    static func utcStamp(nanoseconds: Int64) -> String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((nanoseconds / 1_000_000) % 1000)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "."
            + pad(Int32(millis), 3) + "Z"
    }

    /// ISO 8601 UTC with milliseconds, for manifests: `2026-11-24T23:30:12.345Z`.
    static func iso8601(nanoseconds: Int64) -> String {
        let s = utcStamp(nanoseconds: nanoseconds)
        let chars = Array(s)
        return String(chars[0..<4]) + "-" + String(chars[4..<6]) + "-" + String(chars[6..<8]) + "T"
            + String(chars[9..<11]) + ":" + String(chars[11..<13]) + ":" + String(chars[13..<19]) + "Z"
    }
}

