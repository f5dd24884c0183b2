import Testing
@testable import TradingServices

@Suite("Server configuration from the environment")
struct ServerConfigurationTests {
    @Test("No environment gives the embedded defaults")
    func defaults() throws {
        let config = try ServerConfiguration(environment: [:])
        #expect(config.dataDirectory == "var")
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 50051))
        #expect(config.healthListen == nil)
        #expect(config.tlsCertificatePath == nil && config.tlsKeyPath == nil)
        #expect(config.maxMessageBytes == 4 * 1024 * 1024)
        #expect(config.developmentCertificatePath == "var/tls/cert.pem")
        #expect(config.developmentKeyPath == "var/tls/key.pem")
    }

    @Test("Each variable overrides its default")
    func overrides() throws {
        let config = try ServerConfiguration(environment: [
            "TRADEBOT_DATA_DIR": "/srv/tb",
            "TRADEBOT_LISTEN": "[::1]:6000",
            "TRADEBOT_HEALTH_LISTEN": "0.0.0.0:8081",
            "TRADEBOT_TLS_CERT": "/c.pem",
            "TRADEBOT_TLS_KEY": "/k.pem",
            "TRADEBOT_EVENT_LOOPS": "3",
            "TRADEBOT_MAX_MESSAGE_BYTES": "65536",
            "TRADEBOT_SHUTDOWN_GRACE": "250ms",
        ])
        #expect(config.dataDirectory == "/srv/tb")
        #expect(config.listen == ListenAddress(host: "::1", port: 6000))
        #expect(config.healthListen == ListenAddress(host: "0.0.0.0", port: 8081))
        #expect(config.tlsCertificatePath == "/c.pem" && config.tlsKeyPath == "/k.pem")
        #expect(config.eventLoops == 3)
        #expect(config.maxMessageBytes == 65536)
        #expect(config.shutdownGraceMilliseconds == 250)
    }

    @Test("The trading settings default to the bundled feed at 20 bars/s with the SMA strategy, and each is overridable")
    func tradingSettings() throws {
        let defaults = try ServerConfiguration(environment: [:])
        #expect(defaults.feedFile == nil && defaults.replayBarsPerSecond == 20 && defaults.strategy == "sma")
        let config = try ServerConfiguration(environment: [
            "TRADEBOT_FEED_FILE": "/data/EURUSD.csv", "TRADEBOT_REPLAY_SPEED": "0.5", "TRADEBOT_STRATEGY": "none",
        ])
        #expect(config.feedFile == "/data/EURUSD.csv")
        #expect(config.replayBarsPerSecond == 0.5)
        #expect(config.strategy == "none")
    }

    @Test("Bad trading settings are refused naming the variable", arguments: [
        ("TRADEBOT_REPLAY_SPEED", "fast"), ("TRADEBOT_REPLAY_SPEED", "-1"), ("TRADEBOT_REPLAY_SPEED", "nan"),
        ("TRADEBOT_STRATEGY", "martingale"),
    ])
    func badTradingSettings(name: String, value: String) {
        #expect {
            try ServerConfiguration(environment: [name: value])
        } throws: { error in
            guard case ConfigurationError.invalidValue(let setting, _, _) = error else { return false }
            return setting == name
        }
    }

    @Test("Listen addresses parse", arguments: [
        ("127.0.0.1:50051", "127.0.0.1", UInt16(50051)),
        ("localhost:1", "127.0.0.1", 1),
        ("[::1]:443", "::1", 443),
        ("0.0.0.0:0", "0.0.0.0", 0),
        ("host-name.example:65535", "host-name.example", 65535),
    ])
    func parsesAddresses(text: String, host: String, port: UInt16) throws {
        #expect(try ListenAddress(parsing: text) == ListenAddress(host: host, port: port))
    }

    @Test("Bad listen addresses are refused naming the variable", arguments: [
        "nonsense", "127.0.0.1", ":50051", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "::1:80",
        "[::1]80", "[::1", "a b:1", "127.0.0.1:8o",
    ])
    func refusesBadAddresses(text: String) {
        #expect {
            _ = try ServerConfiguration(environment: ["TRADEBOT_LISTEN": text])
        } throws: { error in
            guard case let .invalidValue(setting, value, _) = error as? ConfigurationError else { return false }
            return setting == "TRADEBOT_LISTEN" && value == text
        }
    }

    @Test("Durations parse", arguments: [("500ms", 500), ("5s", 5000), ("2m", 120_000), ("7", 7000), ("0s", 0)])
    func durations(text: String, ms: Int) throws {
        #expect(try ServerConfiguration(environment: ["TRADEBOT_SHUTDOWN_GRACE": text]).shutdownGraceMilliseconds == ms)
    }

    @Test("Bad numbers and durations are refused", arguments: [
        ("TRADEBOT_SHUTDOWN_GRACE", "soon"), ("TRADEBOT_SHUTDOWN_GRACE", "-1s"), ("TRADEBOT_SHUTDOWN_GRACE", "99999m"),
        ("TRADEBOT_EVENT_LOOPS", "0"), ("TRADEBOT_EVENT_LOOPS", "many"), ("TRADEBOT_MAX_MESSAGE_BYTES", "12"),
    ])
    func refusesBadValues(name: String, value: String) {
        #expect(throws: ConfigurationError.self) { _ = try ServerConfiguration(environment: [name: value]) }
    }

    @Test("A certificate without its key is refused")
    func certNeedsKey() {
        #expect(throws: ConfigurationError.self) {
            _ = try ServerConfiguration(environment: ["TRADEBOT_TLS_CERT": "/c.pem"])
        }
    }
}
