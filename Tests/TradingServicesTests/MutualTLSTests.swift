import Foundation
import HTTP2Transport
import NetIO
import RPCCore
import Testing
@testable import TradingServices
import TradingProtocol

/// Optional mutual TLS (issue 6) through the real HTTP/2 + TLS transport, with certificates made
/// by the `openssl` command line: a client certificate from the configured CA is served, no
/// certificate or one from another CA fails the handshake, and the plaintext health listener
/// never asks for one.
@Suite("Mutual TLS", .serialized)
struct MutualTLSTests {
    /// A CA and a client certificate it signed, written by `openssl`.
    struct Authority {
        let caCertificate: String
        let clientCertificate: String
        let clientKey: String
    }

    static func openssl(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RPCError(code: .internal, message: "openssl \(arguments.joined(separator: " ")) failed")
        }
    }

    static func makeAuthority(_ name: String, in directory: String) throws -> Authority {
        let ext = "\(name)-ca.ext", clientExt = "\(name)-client.ext"
        try "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
            .write(toFile: "\(directory)/\(ext)", atomically: true, encoding: .utf8)
        try "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n"
            .write(toFile: "\(directory)/\(clientExt)", atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(name)-ca.key"],
            ["req", "-new", "-key", "\(name)-ca.key", "-subj", "/CN=\(name) test CA", "-out", "\(name)-ca.csr"],
            ["x509", "-req", "-in", "\(name)-ca.csr", "-signkey", "\(name)-ca.key", "-days", "2",
             "-extfile", ext, "-out", "\(name)-ca.pem"],
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(name)-client.key"],
            ["req", "-new", "-key", "\(name)-client.key", "-subj", "/CN=\(name)-client", "-out", "\(name)-client.csr"],
            ["x509", "-req", "-in", "\(name)-client.csr", "-CA", "\(name)-ca.pem", "-CAkey", "\(name)-ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", clientExt, "-out", "\(name)-client.pem"],
        ]
        for step in steps { try openssl(step, in: directory) }
        return Authority(caCertificate: "\(directory)/\(name)-ca.pem",
                         clientCertificate: "\(directory)/\(name)-client.pem",
                         clientKey: "\(directory)/\(name)-client.key")
    }

    static let echo = MethodDescriptor(service: "test.Echo", method: "Echo", kind: .unary)

    /// One Echo call over a fresh connection; the error if the handshake or the call failed.
    static func call(port: Int, tls: TLSContext?) async -> RPCError? {
        let connection: HTTP2ClientConnection
        do throws(RPCError) {
            connection = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: port, tls: tls,
                                                                 timeout: .seconds(5))
        } catch {
            return error
        }
        var failure: RPCError?
        do throws(RPCError) {
            let client = RPCClient(transport: connection)
            let _: EmptyMessage = try await client.unary(echo, request: EmptyMessage(), options: bearer(nil))
        } catch {
            failure = error
        }
        await connection.close()
        return failure
    }

    @Test("With a client CA, only clients presenting a certificate it signed are served; the health listener is unaffected")
    func mutualTLS() async throws {
        let dir = ScratchDirectory("mtls")
        defer { dir.remove() }
        let good = try Self.makeAuthority("good", in: dir.path)
        let other = try Self.makeAuthority("other", in: dir.path)

        var router = RPCRouter()
        router.register(Self.echo, handler: .inlineUnary { bytes, _ in bytes })
        router.register(GRPCHealthV1.Health.check.descriptor.rpc, handler: .inlineUnary { _, _ in [] })
        let paths = IdentityTestCertificate.paths
        var config = HTTP2ServerConfiguration(host: "127.0.0.1", port: 0,
                                              tls: .init(certificateChainFile: paths.cert, privateKeyFile: paths.key,
                                                         clientCAFile: good.caCertificate))
        config.eventLoopCount = 1
        config.plaintextListener = .init(host: "127.0.0.1", port: 0)
        let server = try HTTP2Server(configuration: config, router: router, getRoutes: [:])
        try await server.start()

        let withGood = try TLSContext.client(trustRootsFile: paths.cert, certificateFile: good.clientCertificate,
                                             privateKeyFile: good.clientKey)
        let withNone = try TLSContext.client(trustRootsFile: paths.cert)
        let withOther = try TLSContext.client(trustRootsFile: paths.cert, certificateFile: other.clientCertificate,
                                              privateKeyFile: other.clientKey)
        let served = await Self.call(port: server.port, tls: withGood)
        #expect(served == nil, "\(String(describing: served))")
        // Twice: the second connection may resume the first session, which must keep working.
        #expect(await Self.call(port: server.port, tls: withGood) == nil)
        let none = await Self.call(port: server.port, tls: withNone)
        #expect(none != nil)
        #expect(none?.code != .ok)
        let wrongCA = await Self.call(port: server.port, tls: withOther)
        #expect(wrongCA != nil)

        // The plaintext probe listener (h2c) needs no certificate.
        let probePort = try #require(server.plaintextPort)
        let connection = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: probePort, tls: nil)
        let probe = RPCClient(transport: connection)
        let _: EmptyMessage = try await probe.unary(GRPCHealthV1.Health.check.descriptor.rpc, request: EmptyMessage(),
                                                    options: bearer(nil))
        await connection.close()
        await server.shutdown(gracePeriod: .seconds(2))
    }

    @Test("A client certificate without its key is a configuration error")
    func certificateNeedsKey() {
        #expect(throws: NetIOError.self) {
            try TLSContext.client(trustRootsFile: nil, certificateFile: IdentityTestCertificate.paths.cert)
        }
    }

    @Test("An unreadable TRADEBOT_TLS_CLIENT_CA stops the start; an unknown metrics mode too")
    func configuration() throws {
        #expect(try SecurityConfiguration(environment: [:]) == SecurityConfiguration())
        #expect(throws: ConfigurationError.missingFile(setting: "TRADEBOT_TLS_CLIENT_CA", path: "/nonexistent/ca.pem")) {
            try SecurityConfiguration(environment: ["TRADEBOT_TLS_CLIENT_CA": "/nonexistent/ca.pem"])
        }
        let parsed = try SecurityConfiguration(environment: ["TRADEBOT_TLS_CLIENT_CA": IdentityTestCertificate.paths.cert,
                                                             "TRADEBOT_METRICS_AUTH": "token"])
        #expect(parsed.clientCAFile == IdentityTestCertificate.paths.cert)
        #expect(parsed.metricsAuth == .token)
        #expect(throws: ConfigurationError.self) {
            try SecurityConfiguration(environment: ["TRADEBOT_METRICS_AUTH": "basic"])
        }
    }
}
