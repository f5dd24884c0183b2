import Foundation
import HTTP2Transport
import Observability
import Persistence
import RPCCore
import Security
import Testing
@testable import TradingServices
import TradingProtocol

/// The Auth and Admin identity RPCs through the whole server (`TradebotServer` with the identity
/// component, real TLS + HTTP/2, a real journal), on an injected clock.
@Suite("Identity component", .serialized)
struct IdentityComponentTests {
    static let adminPassword = "correct horse battery staple"

    /// A running server on an ephemeral port over `dir`, with a connected client; stopped by `stop`.
    struct Running {
        let server: TradebotServer
        let connection: HTTP2ClientConnection
        var rpc: RPCClient { RPCClient(transport: connection) }

        func stop() async {
            await connection.close()
            await server.shutdown()
        }

        func login(_ username: String, _ password: String) async throws(RPCError) -> TradebotV1.LoginResponse {
            var request = TradebotV1.LoginRequest()
            request.username = username
            request.password = password
            return try await rpc.call(TradebotV1.Auth.login, request, options: bearer(nil))
        }

        func whoAmI(_ token: String) async throws(RPCError) -> TradebotV1.Principal? {
            try await rpc.call(TradebotV1.Auth.whoAmI, TradebotV1.WhoAmIRequest(), options: bearer(token)).principal
        }

        func refresh(_ token: String) async throws(RPCError) -> TradebotV1.RefreshResponse {
            var request = TradebotV1.RefreshRequest()
            request.refreshToken = token
            return try await rpc.call(TradebotV1.Auth.refresh, request, options: bearer(nil))
        }

        func createUser(_ admin: String, _ username: String, role: TradebotV1.Role,
                        password: String = "a long enough passphrase") async throws(RPCError) {
            var request = TradebotV1.CreateUserRequest()
            request.username = username
            request.password = password
            request.role = role
            _ = try await rpc.call(TradebotV1.Admin.createUser, request, options: bearer(admin))
        }
    }

    static func start(_ dir: String, clock: any SecurityClock, adminPassword: String? = adminPassword,
                      log: Logger = Logger(label: "test", sink: { _ in })) async throws -> Running {
        var configuration = ServerConfiguration()
        configuration.dataDirectory = dir
        configuration.listen = ListenAddress(host: "127.0.0.1", port: 0)
        configuration.eventLoops = 1
        configuration.shutdownGraceMilliseconds = 1000
        let options = quickIdentityOptions(clock: clock, adminPassword: adminPassword)
        _ = IdentityTestCertificate.paths  // ignores SIGPIPE, as tradebotd does
        let server = try TradebotServer(configuration: configuration, version: "test", log: log,
                                        makeComponents: { runtime in [try IdentityComponent(runtime: runtime, options: options)] })
        try await server.start()
        let connection = try await connectClient(port: server.port, certificate: server.certificatePath)
        return Running(server: server, connection: connection)
    }

    static func code(_ body: () async throws -> Void) async -> Status.Code {
        do {
            try await body()
            return .ok
        } catch let error as RPCError {
            return error.code
        } catch {
            return .unknown
        }
    }

    static func testClock() -> ManualClock {
        ManualClock(UnixTime(nanoseconds: TradebotServer.wallClockNanoseconds()))
    }

    @Test("The first-start admin logs in and WhoAmI names it; no token or a bad password is UNAUTHENTICATED")
    func loginAndWhoAmI() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir.path, clock: Self.testClock())
        let session = try await server.login("admin", Self.adminPassword)
        #expect(session.refreshToken.hasPrefix("tbr_"))
        #expect(session.principal?.role == .admin)
        let me = try await server.whoAmI(session.accessToken)
        #expect(me?.subject == "admin")
        #expect(me?.role == .admin)
        #expect(me?.kind == .user)
        #expect(await Self.code { _ = try await server.login("admin", "not the password at all") } == .unauthenticated)
        #expect(await Self.code { _ = try await server.login("nobody", "not the password at all") } == .unauthenticated)
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Auth.whoAmI, .init(), options: bearer(nil)) }
                == .unauthenticated)
        #expect(await Self.code { _ = try await server.login("", "x") } == .invalidArgument)
        await server.stop()
    }

    @Test("Refresh rotates the token; presenting a consumed one revokes the whole family")
    func refreshRotationAndReuse() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir.path, clock: Self.testClock())
        let first = try await server.login("admin", Self.adminPassword)
        let second = try await server.refresh(first.refreshToken)
        #expect(second.refreshToken != first.refreshToken)
        #expect(try await server.whoAmI(second.accessToken)?.subject == "admin")
        // Reuse of the consumed token: refused, and the family (including `second`) is revoked.
        #expect(await Self.code { _ = try await server.refresh(first.refreshToken) } == .unauthenticated)
        #expect(await Self.code { _ = try await server.refresh(second.refreshToken) } == .unauthenticated)
        #expect(await Self.code { _ = try await server.refresh("tbr_garbage") } == .unauthenticated)
        // Reuse also revoked the subject's access tokens; a new login in the same second (the clock
        // does not move) must still get a working token.
        #expect(await Self.code { _ = try await server.whoAmI(second.accessToken) } == .unauthenticated)
        let again = try await server.login("admin", Self.adminPassword)
        #expect(try await server.whoAmI(again.accessToken)?.subject == "admin")
        await server.stop()

        var reuse = 0
        let store = try EventStore(directory: dir.path, codec: ServerEventCodec())
        _ = try store.replay(after: 0) { event in
            if case .identity(.refreshTokenReuseDetected) = event.event { reuse += 1 }
        }
        store.close()
        #expect(reuse == 1)
    }

    @Test("A disabled user's access token is refused on the next call; an observer may not call admin RPCs")
    func disableAndRoles() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let clock = Self.testClock()
        let server = try await Self.start(dir.path, clock: clock)
        let admin = try await server.login("admin", Self.adminPassword).accessToken
        try await server.createUser(admin, "bob", role: .observer)
        let bob = try await server.login("bob", "a long enough passphrase")
        #expect(try await server.whoAmI(bob.accessToken)?.role == .observer)
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Admin.listUsers, .init(), options: bearer(bob.accessToken)) }
                == .permissionDenied)
        #expect(await Self.code { try await server.createUser(admin, "bob", role: .trader) } == .alreadyExists)
        #expect(await Self.code { try await server.createUser(admin, "Bad Name", role: .trader) } == .invalidArgument)
        #expect(await Self.code { try await server.createUser(admin, "carol", role: .unspecified) } == .invalidArgument)
        #expect(await Self.code { try await server.createUser(admin, "carol", role: .trader, password: "short") } == .invalidArgument)

        var disable = TradebotV1.DisableUserRequest()
        disable.username = "bob"
        let disabled = try await server.rpc.call(TradebotV1.Admin.disableUser, disable, options: bearer(admin))
        #expect(disabled.user?.enabled == false)
        #expect(await Self.code { _ = try await server.whoAmI(bob.accessToken) } == .unauthenticated)
        #expect(await Self.code { _ = try await server.refresh(bob.refreshToken) } == .unauthenticated)
        #expect(await Self.code { _ = try await server.login("bob", "a long enough passphrase") } == .unauthenticated)

        // The last enabled admin can be neither disabled nor demoted.
        disable.username = "admin"
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Admin.disableUser, disable, options: bearer(admin)) }
                == .failedPrecondition)
        await server.stop()
    }

    @Test("API tokens authenticate with their role, are listed without the secret, and stop when revoked")
    func apiTokens() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir.path, clock: Self.testClock())
        let admin = try await server.login("admin", Self.adminPassword).accessToken
        var create = TradebotV1.CreateApiTokenRequest()
        create.name = "backtest-runner"
        create.role = .observer
        create.ttlSeconds = 3600
        let created = try await server.rpc.call(TradebotV1.Admin.createApiToken, create, options: bearer(admin))
        #expect(created.token.hasPrefix("tba_"))
        #expect(created.info?.createdBy == "admin")
        let me = try await server.whoAmI(created.token)
        #expect(me?.kind == .apiToken)
        #expect(me?.role == .observer)
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Admin.listUsers, .init(), options: bearer(created.token)) }
                == .permissionDenied)
        let listed = try await server.rpc.call(TradebotV1.Admin.listApiTokens, .init(), options: bearer(admin))
        #expect(listed.tokens.map(\.name) == ["backtest-runner"])

        var revoke = TradebotV1.RevokeTokenRequest()
        revoke.tokenID = created.info?.tokenID ?? ""
        let revoked = try await server.rpc.call(TradebotV1.Admin.revokeToken, revoke, options: bearer(admin))
        #expect(revoked.info?.revoked == true)
        #expect(await Self.code { _ = try await server.whoAmI(created.token) } == .unauthenticated)
        revoke.tokenID = "no-such-token"
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Admin.revokeToken, revoke, options: bearer(admin)) }
                == .notFound)
        create.ttlSeconds = -1
        #expect(await Self.code { _ = try await server.rpc.call(TradebotV1.Admin.createApiToken, create, options: bearer(admin)) }
                == .invalidArgument)
        await server.stop()
    }

    @Test("Users, roles, API tokens and logouts are rebuilt from the journal after a restart")
    func restart() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let clock = Self.testClock()
        var server = try await Self.start(dir.path, clock: clock)
        let adminSession = try await server.login("admin", Self.adminPassword)
        try await server.createUser(adminSession.accessToken, "tess", role: .trader)
        var create = TradebotV1.CreateApiTokenRequest()
        create.name = "feed"
        create.role = .trader
        let apiToken = try await server.rpc.call(TradebotV1.Admin.createApiToken, create, options: bearer(adminSession.accessToken)).token
        let tess = try await server.login("tess", "a long enough passphrase")
        _ = try await server.rpc.call(TradebotV1.Auth.logout, TradebotV1.LogoutRequest(), options: bearer(tess.accessToken))
        #expect(await Self.code { _ = try await server.whoAmI(tess.accessToken) } == .unauthenticated)
        await server.stop()

        server = try await Self.start(dir.path, clock: clock, adminPassword: nil)
        #expect(try await server.whoAmI(apiToken)?.role == .trader)
        #expect(await Self.code { _ = try await server.whoAmI(tess.accessToken) } == .unauthenticated)
        #expect(try await server.whoAmI(adminSession.accessToken)?.subject == "admin")
        let again = try await server.login("tess", "a long enough passphrase")
        #expect(try await server.whoAmI(again.accessToken)?.role == .trader)
        let users = try await server.rpc.call(TradebotV1.Admin.listUsers, .init(), options: bearer(again.accessToken == "" ? "" : adminSession.accessToken))
        #expect(users.users.map(\.username) == ["admin", "tess"])
        #expect(users.users.first { $0.username == "tess" }?.lastLoginAt != nil)
        await server.stop()
    }

    @Test("Repeated failed logins are throttled with RESOURCE_EXHAUSTED and a retry hint")
    func loginThrottle() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir.path, clock: Self.testClock())
        // Three free failures, the fourth starts the backoff (LoginThrottle.Policy.username); the
        // clock does not move, so the next attempt is inside the backoff whatever the password.
        for _ in 0..<4 {
            #expect(await Self.code { _ = try await server.login("admin", "wrong password number x") } == .unauthenticated)
        }
        var throttled: RPCError?
        do throws(RPCError) { _ = try await server.login("admin", Self.adminPassword) } catch { throttled = error }
        #expect(throttled?.code == .resourceExhausted)
        #expect(throttled?.message.contains("retry after") == true)
        await server.stop()
    }

    @Test("A generated initial admin password goes to a 0600 file whose path, never the password, is logged")
    func generatedAdminPassword() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let capture = LogCapture()
        let server = try await Self.start(dir.path, clock: Self.testClock(), adminPassword: nil, log: capture.logger())
        let file = dir.path + "/" + InitialAdminPassword.fileName
        let password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(capture.text.contains(file))
        #expect(!capture.text.contains(password))
        _ = try await server.login("admin", password)
        await server.stop()
    }

    @Test("A weak TRADEBOT_ADMIN_PASSWORD stops the first start")
    func weakAdminPassword() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        await #expect(throws: ServerStartError.self) {
            _ = try await Self.start(dir.path, clock: Self.testClock(), adminPassword: "short")
        }
    }

    @Test("Journaled identity events never contain a password or a token")
    func journalHasNoSecrets() async throws {
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir.path, clock: Self.testClock())
        let session = try await server.login("admin", Self.adminPassword)
        _ = try? await server.login("admin", "a wrong guess of a password")
        let next = try await server.refresh(session.refreshToken)
        var logout = TradebotV1.LogoutRequest()
        logout.refreshToken = next.refreshToken
        _ = try await server.rpc.call(TradebotV1.Auth.logout, logout, options: bearer(next.accessToken))
        await server.stop()

        let store = try EventStore(directory: dir.path, codec: ServerEventCodec())
        var journal = ""
        var types: Set<String> = []
        _ = try store.replay(after: 0) { event in
            types.insert(event.event.typeName)
            journal += String(decoding: (try? ServerEventCodec().encode(event.event)) ?? [], as: UTF8.self)
        }
        store.close()
        for secret in [Self.adminPassword, "a wrong guess of a password", session.accessToken, session.refreshToken,
                       next.accessToken, next.refreshToken] {
            #expect(!journal.contains(secret))
        }
        #expect(types.isSuperset(of: ["identity.UserCreated", "identity.LoginSucceeded", "identity.LoginFailed",
                                      "identity.RefreshTokenIssued", "identity.RefreshTokenRotated",
                                      "identity.RefreshFamilyRevoked", "identity.LoggedOut"]))
    }

    @Test("The server's log redaction masks bearer tokens, opaque tokens and passwords")
    func logRedaction() {
        let capture = LogCapture()
        let log = capture.logger()
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl"
        log.info("call failed authorization=Bearer \(jwt)")
        log.info("refresh", ["token": "tbr_" + String(repeating: "A", count: 43)])
        log.info("login password=hunter2hunter2")
        #expect(!capture.text.contains(jwt))
        #expect(!capture.text.contains(String(repeating: "A", count: 43)))
        #expect(!capture.text.contains("hunter2hunter2"))
        #expect(capture.text.contains(Redactor.mask))
    }
}
