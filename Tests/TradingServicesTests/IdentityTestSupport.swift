import Foundation
import HTTP2Transport
import NetIO
import Observability
import Persistence
import RPCCore
import Security
import Synchronization
@testable import TradingServices
import WireFormat

/// An empty protobuf message: every request and response of the RBAC matrix (the trivial handlers
/// ignore the body; an empty message is valid for every request type).
struct EmptyMessage: WireMessage, Equatable {
    init() {}
    init(wireBytes raw: UnsafeRawBufferPointer) throws(WireDecodingError) {}
    func encode(to encoder: inout WireEncoder) {}
}

/// A fresh directory under /tmp, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init(_ prefix: String = "identity-test") {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Options that keep tests quick: a small RSA key and the cheapest scrypt the hasher accepts.
func quickIdentityOptions(clock: any SecurityClock = SystemClock(), adminPassword: String? = "correct horse battery staple")
    -> IdentityComponent.Options {
    var options = IdentityComponent.Options(initialAdminPassword: adminPassword)
    options.clock = clock
    options.keyBits = 2048
    options.passwordParameters = ScryptParameters(logN: 10, r: 8, p: 1)
    return options
}

/// Collects log lines in memory (to check what reaches the log).
final class LogCapture: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var text: String { storage.withLock { $0.joined() } }

    func logger() -> Logger {
        Logger(label: "test", minimumLevel: .debug, redact: LogRedaction.redact, sink: { [self] in append($0) })
    }
}

/// A runtime over a real store in `directory`, as `TradebotServer` builds it.
func makeRuntime(directory: String, log: Logger = Logger(label: "test", sink: { _ in })) throws -> ServerRuntime {
    var configuration = ServerConfiguration()
    configuration.dataDirectory = directory
    let store = try EventStore(directory: directory, codec: ServerEventCodec(),
                               projections: TradebotServer.standardProjections)
    return ServerRuntime(configuration: configuration, version: "test", store: store, log: log,
                         metrics: MetricsRegistry(), health: HealthRegistry(),
                         now: TradebotServer.wallClockNanoseconds)
}

/// The development certificate for test servers (one per process).
enum IdentityTestCertificate {
    static let paths: (cert: String, key: String) = {
        // As tradebotd does: a TLS write to a peer that already closed must not kill the process
        // (OpenSSL's socket BIO uses write(2), which raises SIGPIPE).
        signal(SIGPIPE, SIG_IGN)
        let dir = NSTemporaryDirectory() + "identity-tests-\(getpid())"
        let cert = "\(dir)/tls/cert.pem", key = "\(dir)/tls/key.pem"
        do {
            try SelfSignedCertificate.generate().write(certificateTo: cert, privateKeyTo: key)
        } catch {
            preconditionFailure("cannot generate the test certificate: \(error)")
        }
        return (cert, key)
    }()
}

/// Connects the Swift client to a server on 127.0.0.1:`port` that uses `certificate`.
func connectClient(port: Int, certificate: String) async throws -> HTTP2ClientConnection {
    let tls = try TLSContext.client(trustRootsFile: certificate)
    return try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: port, tls: tls)
}

/// Call options carrying `authorization: Bearer <token>` (none for nil).
func bearer(_ token: String?) -> CallOptions {
    var metadata = Metadata()
    if let token { metadata.add("authorization", "Bearer \(token)") }
    return CallOptions.timeout(.seconds(20), metadata: metadata)
}
