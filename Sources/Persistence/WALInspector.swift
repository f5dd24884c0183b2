/// Looks at a `-wal` file before SQLite opens the database.
///
/// Why: on open SQLite silently discards WAL content it cannot validate, and the next checkpoint
/// overwrites it. That is right after a crash (the tail is an unfinished, unacknowledged
/// transaction) but wrong when the file was damaged (truncated by a bad copy, a full disk or a
/// tool). So: a WAL whose header is cut or whose magic is wrong is refused with an error; a WAL
/// that ends in a partial frame is copied aside (`<wal>.partial-<UTC stamp>`) before recovery and
/// reported as a warning, so no byte of the original is destroyed.
enum WALInspector {
    static let headerSize: Int64 = 32
    static let frameHeaderSize: Int64 = 24

    /// Returns warnings; throws `.walDamaged` naming the WAL file when it cannot be used.
    static func inspect(walPath: String) throws(StoreError) -> [String] {
        guard let size = FileSystem.size(walPath), size > 0 else { return [] }
        guard size >= headerSize else {
            throw StoreError(.walDamaged, path: walPath,
                             message: "the write-ahead log is truncated inside its \(headerSize)-byte header "
                                 + "(\(size) bytes); its transactions cannot be validated. Move it aside and "
                                 + "restore from a backup, or accept losing them (see docs/DISASTER_RECOVERY.md)")
        }
        let header = try FileSystem.readPrefix(walPath, count: Int(headerSize))
        guard header.count == Int(headerSize) else {
            throw StoreError(.walDamaged, path: walPath, message: "could not read the write-ahead log header")
        }
        func be32(_ at: Int) -> UInt32 {
            UInt32(header[at]) << 24 | UInt32(header[at + 1]) << 16 | UInt32(header[at + 2]) << 8 | UInt32(header[at + 3])
        }
        let magic = be32(0)
        guard magic == 0x377f_0682 || magic == 0x377f_0683 else {
            throw StoreError(.walDamaged, path: walPath,
                             message: "the write-ahead log header is not a SQLite WAL header (magic 0x\(String(magic, radix: 16)))")
        }
        let pageSize = Int64(be32(8))
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            throw StoreError(.walDamaged, path: walPath, message: "the write-ahead log header has an invalid page size \(pageSize)")
        }
        let remainder = (size - headerSize) % (frameHeaderSize + pageSize)
        guard remainder != 0 else { return [] }
        let copy = walPath + ".partial-" + FileSystem.utcStamp(nanoseconds: FileSystem.nowNanoseconds())
        try FileSystem.copyFile(walPath, copy)
        return ["\(walPath) ends in a partial frame (\(remainder) bytes): a write was interrupted. "
                + "SQLite recovery keeps every complete committed transaction; the original file was preserved as \(copy)"]
    }
}
