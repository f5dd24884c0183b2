// swift-tools-version:6.1
// The module layout follows docs/ARCHITECTURE.md (one-way dependencies, lowest first).
import PackageDescription

/// One settings array for every Swift target: Swift 6 language mode, strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "tradebot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tradebotd", targets: ["tradebotd"]),
        .executable(name: "tradectl", targets: ["tradectl"]),
        .executable(name: "tradebot-rpc-bench", targets: ["tradebot-rpc-bench"]),
        .executable(name: "tradebot-codec-bench", targets: ["tradebot-codec-bench"]),
        .executable(name: "tradebot-engine-bench", targets: ["tradebot-engine-bench"]),
        .executable(name: "tradebot-services-bench", targets: ["tradebot-services-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries (Debian packages, found with pkg-config).
        .systemLibrary(name: "CNGHTTP2", path: "Sources/CNGHTTP2",
                       pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL",
                       pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite",
                       pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        /// Linux calls Swift's Glibc module does not expose (epoll, eventfd, timerfd, accept4).
        .target(name: "CShims", path: "Sources/CShims"),

        // Protocol and transport.
        .target(name: "WireFormat", swiftSettings: swiftSettings),
        .target(name: "RPCCore", dependencies: ["WireFormat"], swiftSettings: swiftSettings),
        .target(name: "NetIO", dependencies: ["CShims", "COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "HTTP2Transport",
                dependencies: ["RPCCore", "NetIO", "CNGHTTP2", "COpenSSL", "CShims"],
                swiftSettings: swiftSettings),

        // Domain.
        .target(name: "TradingModel", swiftSettings: swiftSettings),
        /// libm: Double.squareRoot() in backtest statistics lowers to sqrt.
        .target(name: "TradingEngine", dependencies: ["TradingModel"], swiftSettings: swiftSettings,
                linkerSettings: [.linkedLibrary("m")]),
        .target(name: "TradingProtocol", dependencies: ["WireFormat", "RPCCore", "TradingModel"],
                swiftSettings: swiftSettings),

        /// Metrics registry and Prometheus text exposition; lock-free on the hot path.
        .target(name: "Observability", swiftSettings: swiftSettings),
        /// SQLite: event journal, projections, migrations, backup/restore. The only module that touches SQLite.
        .target(name: "Persistence", dependencies: ["TradingModel", "CSQLite", "COpenSSL", "CShims"],
                swiftSettings: swiftSettings),
        /// JWT RS256, password hashing, RBAC policy, rate limiting (crypto from OpenSSL only).
        .target(name: "Security", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),

        // Composition.
        .target(name: "TradingServices",
                dependencies: ["RPCCore", "HTTP2Transport", "NetIO", "CShims", "TradingProtocol",
                               "TradingModel", "TradingEngine", "Security", "Persistence", "Observability"],
                swiftSettings: swiftSettings),
        .target(name: "TradingTesting",
                dependencies: ["TradingModel", "TradingEngine"],
                swiftSettings: swiftSettings),
        .executableTarget(name: "tradebotd",
                          dependencies: ["TradingServices", "TradingEngine", "TradingModel", "NetIO", "CShims",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          // The demo market data ships beside the binary as SwiftPM's resource
                          // bundle (`tradebot_tradebotd.resources/market/`); see
                          // TradingSettings.bundledFeedFile for how the server finds it.
                          resources: [.copy("Resources/market")],
                          swiftSettings: swiftSettings),
        .executableTarget(name: "tradectl",
                          dependencies: ["TradingProtocol", "RPCCore", "HTTP2Transport", "NetIO",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Clients/tradectl",
                          swiftSettings: swiftSettings),
        /// Benchmark server for the transport alone (not part of tradebotd): /bench.Echo/Say and /Stream.
        .executableTarget(name: "tradebot-rpc-bench",
                          dependencies: ["RPCCore", "HTTP2Transport", "NetIO"],
                          swiftSettings: swiftSettings),
        /// Release-mode harness for the protobuf codec (docs/PERFORMANCE.md).
        .executableTarget(name: "tradebot-codec-bench",
                          dependencies: ["WireFormat", "TradingProtocol", "TradingModel", "CMallocCounter"],
                          swiftSettings: swiftSettings),
        /// Allocation-counting malloc interposer, linked only into tradebot-codec-bench.
        .target(name: "CMallocCounter", path: "Sources/CMallocCounter"),
        /// Fill fan-out client: 1,000 SubscribeFills streams over TLS HTTP/2 against a running tradebotd.
        .executableTarget(name: "tradebot-services-bench",
                          dependencies: ["TradingProtocol", "RPCCore", "HTTP2Transport", "NetIO"],
                          swiftSettings: swiftSettings),
        /// Release-mode harness for the engine: tick-to-order, risk check, replay throughput.
        .executableTarget(name: "tradebot-engine-bench",
                          dependencies: ["TradingEngine", "TradingModel", "TradingTesting"],
                          swiftSettings: swiftSettings),

        /// Release-mode harness for Security: KDF, RS256 sign/verify, cached-token check.
        .executableTarget(name: "tradebot-security-bench", dependencies: ["Security"], swiftSettings: swiftSettings),
        /// Release-mode harness for the storage layer: append throughput, commit latency, restart, backup/restore.
        .executableTarget(name: "tradebot-store-bench",
                          dependencies: ["Persistence", "TradingServices", "TradingEngine", "TradingModel", "Observability"],
                          swiftSettings: swiftSettings),

        // Tests mirror the modules.
        .testTarget(name: "WireFormatTests", dependencies: ["WireFormat"], swiftSettings: swiftSettings),
        .testTarget(name: "RPCCoreTests", dependencies: ["RPCCore", "WireFormat"], swiftSettings: swiftSettings),
        .testTarget(name: "NetIOTests", dependencies: ["NetIO", "CShims", "COpenSSL"], swiftSettings: swiftSettings),
        .testTarget(name: "HTTP2TransportTests", dependencies: ["HTTP2Transport", "RPCCore", "NetIO"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "TradingModelTests", dependencies: ["TradingModel"], swiftSettings: swiftSettings),
        /// Fixtures/ holds CSV inputs read through #filePath, not bundled resources.
        .testTarget(name: "TradingEngineTests", dependencies: ["TradingEngine", "TradingModel", "TradingTesting"],
                    exclude: ["Fixtures"], swiftSettings: swiftSettings),
        /// Golden/ holds the reference implementation's bytes, read from the source tree (#filePath).
        .testTarget(name: "TradingProtocolTests", dependencies: ["TradingProtocol", "WireFormat", "TradingModel", "RPCCore"],
                    exclude: ["Golden"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "ObservabilityTests", dependencies: ["Observability"], swiftSettings: swiftSettings),
        .testTarget(name: "PersistenceTests", dependencies: ["Persistence", "TradingModel"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "SecurityTests", dependencies: ["Security", "COpenSSL"], swiftSettings: swiftSettings),
        .testTarget(name: "TradingServicesTests",
                    dependencies: ["TradingServices", "TradingProtocol", "RPCCore", "HTTP2Transport", "NetIO", "CShims"],
                    swiftSettings: swiftSettings),
    ]
)
