import Glibc
import Testing
@testable import Security

@Suite("First-start admin password and password policy")
struct InitialAdminPasswordTests {
    @Test("TRADEBOT_ADMIN_PASSWORD is used as given when it meets the policy")
    func fromEnvironment() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        let result = try InitialAdminPassword.obtain(environmentValue: "a long enough passphrase", dataDirectory: dir)
        #expect(result.password == "a long enough passphrase" && result.origin == .environment)
        #expect(access(dir + "/" + InitialAdminPassword.fileName, F_OK) != 0)
        #expect(!"\(result)".contains("passphrase"))
    }

    @Test("a weak TRADEBOT_ADMIN_PASSWORD stops the first start")
    func weakEnvironment() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        #expect(throws: InitialAdminPassword.ObtainError.weakEnvironmentPassword([.tooShort(minimum: 12), .tooGuessable])) {
            _ = try InitialAdminPassword.obtain(environmentValue: "admin1", dataDirectory: dir)
        }
    }

    @Test("without the variable a random password is written to a 0600 file, never shown in the description")
    func generated() throws {
        let dir = try temporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/" + InitialAdminPassword.fileName
        let result = try InitialAdminPassword.obtain(environmentValue: nil, dataDirectory: dir)
        #expect(result.origin == .generatedFile(path: path))
        #expect(result.password.utf8.count == 24)
        #expect(fileMode(path) == 0o600)
        #expect(try KeyFile.read(path, isSecret: true) == result.password + "\n")
        #expect("\(result)" == "InitialAdminPassword(generated, written to \(path))")
        // A second first start does not overwrite a password someone may have read.
        #expect(throws: InitialAdminPassword.ObtainError.fileExists(path: path)) {
            _ = try InitialAdminPassword.obtain(environmentValue: "", dataDirectory: dir)
        }
    }

    @Test("generated passwords differ")
    func unique() throws {
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        defer { removeTree(a); removeTree(b) }
        let first = try InitialAdminPassword.obtain(environmentValue: nil, dataDirectory: a)
        let second = try InitialAdminPassword.obtain(environmentValue: nil, dataDirectory: b)
        #expect(first.password != second.password)
    }

    @Test("password policy", arguments: [
        ("correct horse battery", "alice", [] as [PasswordPolicy.Violation]),
        ("short", "alice", [.tooShort(minimum: 12)]),
        ("Password1234", "alice", [.tooGuessable]),
        ("my name is alice!!", "alice", [.tooGuessable]),
        ("twelve chars\u{0}x", "bob", [.controlCharacters]),
        ("ünïcödé wörds", "bob", []),
    ])
    func policy(password: String, username: String, expected: [PasswordPolicy.Violation]) {
        #expect(PasswordPolicy().violations(of: password, username: username) == expected)
    }
}
