import ArgumentParser

/// Options every command shares: where the server is and how to trust it.
///
/// Flags override the environment (`TRADEBOT_SERVER`, `TRADEBOT_CA`, `TRADEBOT_TOKEN`,
/// `TRADEBOT_CLIENT_CERT`, `TRADEBOT_CLIENT_KEY`), which overrides
/// the defaults (and, for the token, the one saved by `tradectl login`).
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Server address host:port.", valueName: "host:port"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("CA certificate (PEM) that signed the server's certificate; with a development server, its <data>/tls/cert.pem.", valueName: "file"))
    var ca: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each call.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("Bearer token (access or API token); default $TRADEBOT_TOKEN, else the one saved by 'tradectl login'.", valueName: "token"))
    var token: String?

    @Option(name: .long, help: ArgumentHelp("Client certificate (PEM) for a server that requires mutual TLS; default $TRADEBOT_CLIENT_CERT.", valueName: "file"))
    var cert: String?

    @Option(name: .long, help: ArgumentHelp("Private key (PEM) of --cert; default $TRADEBOT_CLIENT_KEY.", valueName: "file"))
    var key: String?

    @Flag(name: .long, help: "Print JSON (one object per line for streams) instead of tables.")
    var json = false

    /// The server address after flag > environment > default.
    func serverAddress(environment: [String: String]) -> String {
        server ?? nonEmpty(environment["TRADEBOT_SERVER"]) ?? "127.0.0.1:50051"
    }

    /// The CA file after flag > environment; nil means the system trust store.
    func caFile(environment: [String: String]) -> String? {
        ca ?? nonEmpty(environment["TRADEBOT_CA"])
    }

    /// The explicit bearer token after flag > environment; nil means "use the saved login".
    func explicitToken(environment: [String: String]) -> String? {
        token ?? nonEmpty(environment["TRADEBOT_TOKEN"])
    }

    /// The client certificate and key after flag > environment: both, or neither.
    func clientCertificate(environment: [String: String]) throws -> (certificate: String, key: String)? {
        let certificate = cert ?? nonEmpty(environment["TRADEBOT_CLIENT_CERT"])
        let privateKey = key ?? nonEmpty(environment["TRADEBOT_CLIENT_KEY"])
        switch (certificate, privateKey) {
        case (nil, nil): return nil
        case (let certificate?, let privateKey?): return (certificate, privateKey)
        default: throw ValidationError("--cert and --key (or TRADEBOT_CLIENT_CERT and TRADEBOT_CLIENT_KEY) go together")
        }
    }

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
