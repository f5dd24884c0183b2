import Foundation
import HTTP2Transport
import Observability
import Persistence
import RPCCore
import Security
import Testing
@testable import TradingServices
import TradingProtocol

/// `Admin.GetConfig`, `UpdateConfig` and `ListConfigVersions`, and who halted, through the whole
/// server (identity, trading and configuration components, real TLS + HTTP/2, a real journal).
@Suite("Configuration component", .serialized)
struct ConfigComponentTests {
    typealias Running = IdentityComponentTests.Running
    static let adminPassword = IdentityComponentTests.adminPassword

    /// Starts the server the way `tradebotd serve` does: `ServerConfiguration.load` over `dir`
    /// (which reads `<dir>/config.json` when it exists) with test-sized settings in the environment.
    static func start(_ dir: String, environment: [String: String] = [:]) async throws -> Running {
        var env = ["TRADEBOT_DATA_DIR": dir, "TRADEBOT_LISTEN": "127.0.0.1:0", "TRADEBOT_EVENT_LOOPS": "1",
                   "TRADEBOT_SHUTDOWN_GRACE": "1s"]
        env.merge(environment) { $1 }
        let configuration = try ServerConfiguration.load(environment: env)
        var options = quickIdentityOptions(clock: IdentityComponentTests.testClock(), adminPassword: adminPassword)
        options.rpcRateLimits[.operate] = RateLimitRule(capacity: 1000, refillPerSecond: 1000)
        _ = IdentityTestCertificate.paths
        let trading = try TradingTestServer.settings()
        let server = try TradebotServer(configuration: configuration, version: "test", log: Logger(label: "test", sink: { _ in }),
                                        makeComponents: { runtime in
                                            let t = TradingComponent(runtime: runtime, settings: trading)
                                            return [try IdentityComponent(runtime: runtime, options: options), t,
                                                    try ConfigComponent(runtime: runtime, live: t.liveConfigActions)]
                                        })
        try await server.start()
        let connection = try await connectClient(port: server.port, certificate: server.certificatePath)
        return Running(server: server, connection: connection)
    }

    static func update(_ s: Running, _ token: String, _ document: String, comment: String = "",
                       expected: UInt64 = 0, dryRun: Bool = false) async throws(RPCError) -> TradebotV1.UpdateConfigResponse {
        var request = TradebotV1.UpdateConfigRequest()
        request.document = document
        request.comment = comment
        request.expectedVersion = expected
        request.dryRun = dryRun
        return try await s.rpc.call(TradebotV1.Admin.updateConfig, request, options: bearer(token))
    }

    static func versions(_ s: Running, _ token: String, limit: Int32 = 0) async throws(RPCError) -> [TradebotV1.ConfigVersion] {
        var request = TradebotV1.ListConfigVersionsRequest()
        request.limit = limit
        return try await s.rpc.call(TradebotV1.Admin.listConfigVersions, request, options: bearer(token)).versions
    }

    static func get(_ s: Running, _ token: String, version: UInt64 = 0) async throws(RPCError) -> TradebotV1.GetConfigResponse {
        var request = TradebotV1.GetConfigRequest()
        request.version = version
        return try await s.rpc.call(TradebotV1.Admin.getConfig, request, options: bearer(token))
    }

    static func code(_ body: () async throws -> Void) async -> Status.Code { await IdentityComponentTests.code(body) }

    @Test("Start records version 1; updates are validated, diffed, versioned, saved and survive a restart")
    func versions() async throws {
        let dir = ScratchDirectory("config-component")
        defer { dir.remove() }
        var s = try await Self.start(dir.path)
        let admin = try await s.login("admin", Self.adminPassword).accessToken

        let first = try await Self.get(s, admin)
        #expect(first.version?.version == 1)
        #expect(first.version?.author == ConfigComponent.systemAuthor)
        #expect(first.document.contains("\"replay_speed\": 20"))
        #expect(first.version?.sha256 == (try SHA256.hash(first.document).hex))

        // Invalid: INVALID_ARGUMENT naming the key path; nothing recorded.
        var error = await #expect(throws: RPCError.self) {
            try await Self.update(s, admin, #"{"market": {"replay_sped": 5}}"#)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.hasPrefix("document: market.replay_sped: unknown key") == true)
        error = await #expect(throws: RPCError.self) {
            try await Self.update(s, admin, #"{"server": {"event_loops": 999}}"#)
        }
        #expect(error?.message.hasPrefix("document: server.event_loops: invalid value '999'") == true)
        error = await #expect(throws: RPCError.self) {
            try await Self.update(s, admin, #"{"auth": {"password": "x"}}"#)
        }
        #expect(error?.message.contains("secrets are not accepted") == true)

        // Dry run: the diff, nothing recorded, no file written.
        let document = #"{"market": {"replay_speed": 5}, "backup": {"retain": 3}}"#
        let dry = try await Self.update(s, admin, document, comment: "slower", dryRun: true)
        #expect(dry.diff.contains("-    \"replay_speed\": 20\n+    \"replay_speed\": 5\n"))
        #expect(dry.diff.contains("+    \"retain\": 3"))
        #expect(dry.diff.hasPrefix("--- version 1\n+++ proposed\n"))
        #expect(dry.version?.version == 0)
        #expect(try await Self.versions(s, admin).count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/config.json"))

        // A stale expected_version is FAILED_PRECONDITION.
        error = await #expect(throws: RPCError.self) { try await Self.update(s, admin, document, expected: 7) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.hasPrefix("VERSION_MISMATCH") == true)

        // The update: version 2 by admin, with its diff, saved to <data>/config.json.
        let updated = try await Self.update(s, admin, document, comment: "slower feed", expected: 1)
        #expect(updated.version?.version == 2)
        #expect(updated.version?.author == "admin")
        #expect(updated.version?.comment == "slower feed")
        #expect(updated.diff.hasPrefix("--- version 1\n+++ version 2\n"))
        let saved = try String(contentsOfFile: dir.path + "/config.json", encoding: .utf8)
        #expect(saved.contains("\"replay_speed\": 5"))
        // Same document again: no new version, empty diff.
        let again = try await Self.update(s, admin, document)
        #expect(again.version?.version == 2 && again.diff.isEmpty)
        // Now 1 is stale.
        #expect(await Self.code { _ = try await Self.update(s, admin, #"{"backup": {"retain": 4}}"#, expected: 1) }
                == .failedPrecondition)

        let listed = try await Self.versions(s, admin)
        #expect(listed.map(\.version) == [2, 1])
        #expect(try await Self.versions(s, admin, limit: 1).map(\.version) == [2])
        #expect(try await Self.get(s, admin, version: 1).document == first.document)
        #expect(await Self.code { _ = try await Self.get(s, admin, version: 9) } == .notFound)

        // Restart: the file now holds version 2, so the effective configuration is unchanged.
        await s.stop()
        s = try await Self.start(dir.path)
        let token = try await s.login("admin", Self.adminPassword).accessToken
        let afterRestart = try await Self.get(s, token)
        #expect(afterRestart.version?.version == 2)
        #expect(afterRestart.version?.author == "admin")
        #expect(try await Self.versions(s, token).map(\.version) == [2, 1])
        await s.stop()

        // An environment override changes the effective configuration: version 3 at start.
        s = try await Self.start(dir.path, environment: ["TRADEBOT_REPLAY_SPEED": "9"])
        let token3 = try await s.login("admin", Self.adminPassword).accessToken
        let third = try await Self.get(s, token3)
        #expect(third.version?.version == 3)
        #expect(third.document.contains("\"replay_speed\": 9"))
        #expect(third.version?.comment.contains(dir.path + "/config.json") == true)
        await s.stop()

        // The versions are journal events with the stable type name.
        var names: [String] = []
        let store = try EventStore(directory: dir.path, codec: ServerEventCodec())
        _ = try store.replay(after: 0) { if case .config = $0.event { names.append($0.event.typeName) } }
        store.close()
        #expect(names == ["config.VersionRecorded", "config.VersionRecorded", "config.VersionRecorded"])
    }

    @Test("Only admins may read or change the configuration")
    func adminOnly() async throws {
        let dir = ScratchDirectory("config-component")
        defer { dir.remove() }
        let s = try await Self.start(dir.path)
        let admin = try await s.login("admin", Self.adminPassword).accessToken
        try await s.createUser(admin, "tina", role: .trader)
        try await s.createUser(admin, "otto", role: .observer)
        for name in ["tina", "otto"] {
            let token = try await s.login(name, "a long enough passphrase").accessToken
            #expect(await Self.code { _ = try await Self.get(s, token) } == .permissionDenied)
            #expect(await Self.code { _ = try await Self.versions(s, token) } == .permissionDenied)
            #expect(await Self.code { _ = try await Self.update(s, token, #"{"backup": {"retain": 2}}"#) } == .permissionDenied)
        }
        #expect(await Self.code { _ = try await Self.get(s, "not-a-token") } == .unauthenticated)
        #expect(try await Self.versions(s, admin).count == 1)
        await s.stop()
    }

    @Test("Risk.Halt records who halted: risk state, risk stream and the journal, also after a restart")
    func haltedBy() async throws {
        let dir = ScratchDirectory("config-component")
        defer { dir.remove() }
        var s = try await Self.start(dir.path)
        let admin = try await s.login("admin", Self.adminPassword).accessToken
        var subscribe = TradebotV1.SubscribeRiskEventsRequest()
        subscribe.fromSequence = 1
        let stream = s.rpc.stream(TradebotV1.Risk.subscribeRiskEvents, subscribe, options: bearer(admin))
        var halt = TradebotV1.HaltRequest()
        halt.reason = "maintenance"
        let halted = try await s.rpc.call(TradebotV1.Risk.halt, halt, options: bearer(admin))
        #expect(halted.state?.tradingState == .halted)
        #expect(halted.state?.haltedBy == "admin")
        let events = try await collect(1, from: stream)
        stream.cancel()
        guard case .tradingStateChanged(let change)? = events.first?.event else {
            Issue.record("expected TradingStateChanged, got \(String(describing: events.first))")
            return
        }
        #expect(change.changedBy == "admin")
        #expect(change.actor == "ADMIN")
        #expect(change.reason == "maintenance")
        await s.stop()

        s = try await Self.start(dir.path)
        let token = try await s.login("admin", Self.adminPassword).accessToken
        let state = try await s.rpc.call(TradebotV1.Risk.getRiskState, TradebotV1.GetRiskStateRequest(), options: bearer(token))
        #expect(state.state?.haltedBy == "admin")
        var resume = TradebotV1.ResumeRequest()
        resume.reason = "done"
        let resumed = try await s.rpc.call(TradebotV1.Risk.resume, resume, options: bearer(token))
        #expect(resumed.state?.tradingState == .active)
        #expect(resumed.state?.haltedBy == "")
        await s.stop()
    }
}
