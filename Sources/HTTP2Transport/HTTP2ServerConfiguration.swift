/// Everything an `HTTP2Server` needs besides its router.
public struct HTTP2ServerConfiguration: Sendable {
    /// Where the TLS certificate chain and key live (PEM). `nil` serves plaintext h2c with
    /// prior knowledge on the main port (benchmarks only).
    public struct TLS: Sendable {
        public var certificateChainFile: String
        public var privateKeyFile: String
        /// PEM CA bundle for mutual TLS: when set, clients must present a certificate it signed.
        public var clientCAFile: String?
        public init(certificateChainFile: String, privateKeyFile: String, clientCAFile: String? = nil) {
            self.certificateChainFile = certificateChainFile
            self.privateKeyFile = privateKeyFile
            self.clientCAFile = clientCAFile
        }
    }

    /// The optional plaintext h2c listener for probes that cannot speak TLS (Kubernetes gRPC
    /// probes). Only `allowedPaths` are served there; other RPCs get UNIMPLEMENTED, other GETs 404.
    public struct PlaintextListener: Sendable {
        public var host: String
        public var port: Int
        public var allowedPaths: Set<String>
        public init(host: String, port: Int,
                    allowedPaths: Set<String> = ["/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch", "/healthz"]) {
            self.host = host
            self.port = port
            self.allowedPaths = allowedPaths
        }
    }

    public var host: String
    public var port: Int
    public var tls: TLS?
    public var plaintextListener: PlaintextListener?
    /// Event-loop threads; `nil` = one per core.
    public var eventLoopCount: Int?
    /// Largest request message accepted (gRPC default 4 MiB); larger ones get RESOURCE_EXHAUSTED.
    public var maxReceiveMessageSize: Int = 4 * 1024 * 1024
    public var maxConcurrentStreams: UInt32 = 256
    /// Request bytes one connection may have buffered across all its streams before the stream
    /// that crosses it is failed with RESOURCE_EXHAUSTED (bounds memory against clients that open
    /// many streams with large, unfinished messages).
    public var connectionRequestBufferLimit: Int = 16 * 1024 * 1024
    /// Per-stream receive window advertised in SETTINGS; also used for the connection window.
    public var initialWindowSize: UInt32 = 1 << 20
    /// Bytes a streaming handler may queue per stream before `write` suspends. Small on purpose:
    /// it is per stream, so 1,000 subscribers behind a slow network would otherwise hold
    /// 1,000 x this (256 KiB made the fan-out benchmark's server reach ~500 MiB); 64 KiB still
    /// fills four 16 KiB DATA frames per wake-up.
    public var streamBufferLimit: Int = 64 * 1024
    public var maxHeaderListSize: UInt32 = 16 * 1024
    /// TLS handshake limit, and also how long a client may take to send its HTTP/2 SETTINGS.
    public var handshakeTimeout: Duration = .seconds(10)
    /// Delay between the shutdown notice and the final GOAWAY (about one round trip).
    public var goAwayDelay: Duration = .milliseconds(100)
    public var backlog: Int32 = 1024

    public init(host: String = "127.0.0.1", port: Int = 0, tls: TLS?) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}
