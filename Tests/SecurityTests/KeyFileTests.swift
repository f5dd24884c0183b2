import Glibc
import Testing
@testable import Security

/// A fresh directory under /tmp, removed by the test's `defer`.
func temporaryDirectory() throws -> String {
    var template = Array("/tmp/tradebot-security-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
        guard let base = buffer.baseAddress else { return false }
        return mkdtemp(base) != nil
    }
    try #require(made)
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func removeTree(_ path: String) {
    guard let dir = opendir(path) else { unlink(path); return }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
        if name != "." && name != ".." { names.append(name) }
    }
    closedir(dir)
    for name in names { removeTree(path + "/" + name) }
    rmdir(path)
}

func fileMode(_ path: String) -> UInt32 {
    var info = stat()
    return stat(path, &info) == 0 ? UInt32(info.st_mode & 0o7777) : 0
}

@Suite("Key files and the key directory")
struct KeyFileTests {
    @Test("a private key is written 0600 and read back")
    func writeRead() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        let pem = try Fixtures.keyA.privateKeyPEM()
        try KeyFile.write(pem, to: dir + "/key.pem")
        #expect(fileMode(dir + "/key.pem") == 0o600)
        #expect(try KeyFile.read(dir + "/key.pem", isSecret: true) == pem)
    }

    @Test("a group- or world-readable private key is refused", arguments: [0o640, 0o604, 0o644] as [mode_t])
    func insecureMode(mode: mode_t) throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        try KeyFile.write("x", to: dir + "/key.pem")
        chmod(dir + "/key.pem", mode)
        #expect(throws: KeyFile.FileError.insecurePermissions(path: dir + "/key.pem", mode: UInt32(mode))) {
            _ = try KeyFile.read(dir + "/key.pem", isSecret: true)
        }
        #expect(try KeyFile.read(dir + "/key.pem", isSecret: false) == "x")
    }

    @Test("symlinks and missing files are refused")
    func symlinkRefused() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        try KeyFile.write("x", to: dir + "/real.pem")
        symlink(dir + "/real.pem", dir + "/link.pem")
        #expect(throws: KeyFile.FileError.system(operation: "open \(dir)/link.pem", errno: ELOOP)) {
            _ = try KeyFile.read(dir + "/link.pem", isSecret: true)
        }
        #expect(throws: KeyFile.FileError.system(operation: "open \(dir)/none.pem", errno: ENOENT)) {
            _ = try KeyFile.read(dir + "/none.pem", isSecret: true)
        }
    }

    @Test("first start generates a key; a restart loads the same key; rotation survives a restart")
    func directoryLifecycle() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        let keys = JWTKeyDirectory(path: dir + "/jwt", keyBits: 2048)
        let ring = try keys.loadOrCreate(now: Fixtures.start)
        #expect(fileMode(dir + "/jwt") == 0o700)
        #expect(fileMode(dir + "/jwt/signing-key.pem") == 0o600)
        let firstKid = ring.signingKey.kid
        #expect(try keys.loadOrCreate(now: Fixtures.start).signingKey.kid == firstKid)

        let next = try keys.rotate(ring, now: Fixtures.start, retainPreviousFor: .seconds(930))
        #expect(ring.signingKey.kid == next.kid)
        let reloaded = try keys.loadOrCreate(now: Fixtures.start + .seconds(10))
        #expect(reloaded.signingKey.kid == next.kid)
        #expect(reloaded.activeKeyIDs(at: Fixtures.start + .seconds(10)) == [next.kid, firstKid])
        // After the retention, a restart forgets (and deletes) the old key.
        let later = try keys.loadOrCreate(now: Fixtures.start + .seconds(930))
        #expect(later.activeKeyIDs(at: Fixtures.start + .seconds(930)) == [next.kid])
    }

    @Test("a tampered signing-key file with loose permissions stops the start")
    func looseSigningKey() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        let keys = JWTKeyDirectory(path: dir, keyBits: 2048)
        _ = try keys.loadOrCreate(now: Fixtures.start)
        chmod(dir + "/signing-key.pem", 0o644)
        #expect(throws: JWTKeyDirectory.DirectoryError.file(.insecurePermissions(path: dir + "/signing-key.pem", mode: 0o644))) {
            _ = try keys.loadOrCreate(now: Fixtures.start)
        }
    }
}
