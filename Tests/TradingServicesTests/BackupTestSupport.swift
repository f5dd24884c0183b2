import Foundation
import HTTP2Transport
import Observability
import RPCCore
import TradingProtocol
@testable import TradingServices

/// A real `TradebotServer` on an ephemeral port in its own temporary data directory, with the
/// backup component configured by the test, and a client connected to it over TLS + HTTP/2.
struct BackupTestServer {
    let server: TradebotServer
    let connection: HTTP2ClientConnection
    let admin: TradebotV1.Admin.Client
    let directory: String

    static func start(_ configuration: BackupConfiguration = BackupConfiguration(interval: nil, retain: 7),
                      directory: String = BackupTestServer.temporaryDirectory(),
                      onScheduledBackup: (@Sendable (Result<BackupRecord, BackupFailure>) -> Void)? = nil)
        async throws -> BackupTestServer {
        var config = ServerConfiguration()
        config.dataDirectory = directory + "/data"
        config.listen = ListenAddress(host: "127.0.0.1", port: 0)
        config.eventLoops = 1
        config.shutdownGraceMilliseconds = 1000
        let server = try TradebotServer(configuration: config, version: "test", log: Logger(label: "test", minimumLevel: .error, sink: { _ in }),
                                        makeComponents: { runtime in
            [BackupComponent(runtime: runtime, configuration: configuration, onScheduledBackup: onScheduledBackup)]
        })
        try await server.start()
        let connection = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: server.port,
                                                                 trustRootsFile: server.certificatePath)
        return BackupTestServer(server: server, connection: connection, admin: TradebotV1.Admin.Client(RPCClient(transport: connection)),
                                directory: directory)
    }

    var dataDirectory: String { server.configuration.dataDirectory }

    /// Journals `count` identity events and waits until they are committed.
    func appendEvents(_ count: Int) throws {
        let store = server.runtime.store
        for n in 0..<count {
            let event = ServerEvent.identity(.userCreated(.init(username: "user\(n)-\(UUID().uuidString.prefix(8))", role: "observer",
                                                                passwordHash: "test-hash", actor: "test", source: "test")))
            try store.append(event, timeNanoseconds: Int64(n))
        }
        try store.flush()
    }

    var committedSequence: Int64 { server.runtime.store.committedSequence }

    func stop() async {
        await connection.close()
        await server.shutdown()
    }

    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.path + "/tradebot-backup-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
