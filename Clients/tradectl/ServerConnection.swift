import ArgumentParser
import Foundation
import HTTP2Transport
import NetIO
import RPCCore

/// Opens the connection every command uses, from the shared options, and maps failures to one
/// clear line on standard error with the gRPC status name.
enum ServerConnection {
    static func open(_ options: ClientOptions) async throws -> (RPCClient, HTTP2ClientConnection) {
        let environment = ProcessInfo.processInfo.environment
        let address = options.serverAddress(environment: environment)
        guard let (host, port) = split(address) else {
            throw ValidationError("invalid server address '\(address)': expected host:port")
        }
        if let ca = options.caFile(environment: environment), !FileManager.default.isReadableFile(atPath: ca) {
            throw ValidationError("cannot read the CA file \(ca)")
        }
        let identity = try options.clientCertificate(environment: environment)
        for path in [identity?.certificate, identity?.key].compactMap({ $0 })
            where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("cannot read the client certificate file \(path)")
        }
        let tls: TLSContext
        do {
            tls = try TLSContext.client(trustRootsFile: options.caFile(environment: environment),
                                        certificateFile: identity?.certificate, privateKeyFile: identity?.key)
        } catch {
            throw ValidationError("TLS configuration: \(error)")
        }
        do {
            let connection = try await HTTP2ClientConnection.connect(
                host: host, port: port, tls: tls, timeout: .milliseconds(Int(options.timeout * 1000)))
            return (RPCClient(transport: connection), connection)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Call options with the deadline from `--timeout` and, when a token is known, the
    /// `authorization: Bearer` metadata: `--token`, then `TRADEBOT_TOKEN`, then the saved login for
    /// this server (refreshed first when its access token has expired).
    static func callOptions(_ options: ClientOptions, client: RPCClient? = nil) async throws -> CallOptions {
        let environment = ProcessInfo.processInfo.environment
        var metadata = Metadata()
        var token = options.explicitToken(environment: environment)
        if token == nil, let client {
            token = try await SavedLogin.currentAccessToken(server: options.serverAddress(environment: environment),
                                                            client: client, timeout: options.timeout)
        }
        if let token { metadata.add("authorization", "Bearer \(token)") }
        return .timeout(.milliseconds(Int(options.timeout * 1000)), metadata: metadata)
    }

    /// `host:port` or `[v6]:port`.
    static func split(_ address: String) -> (String, Int)? {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            let host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return (host, port)
        }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (1...65535).contains(port), !address[..<colon].isEmpty, !address[..<colon].contains(":") else { return nil }
        return (String(address[..<colon]), port)
    }
}

/// A failed call: printed as `error: <STATUS>: <message>`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let error: RPCError
    init(_ error: RPCError) { self.error = error }
    var description: String { "\(error.code.name): \(error.message)" }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning an RPC failure into one line on standard error and exit status 1.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("error: \(error.code.name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
