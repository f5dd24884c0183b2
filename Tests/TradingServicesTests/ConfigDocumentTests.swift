import Foundation
import Testing
@testable import TradingServices

/// The configuration file: parsing, checks naming the file and the key path, environment
/// overrides, the effective document and the unified diff.
@Suite("Configuration documents")
struct ConfigDocumentTests {
    static func error(_ text: String, environment: [String: String] = [:]) -> ConfigurationError? {
        do {
            let document = try ConfigDocument.parse(text, source: "cfg.json")
            _ = try document.validate(document.merged(with: environment), environment: environment, source: "cfg.json")
            return nil
        } catch {
            return error
        }
    }

    @Test("Each bad document is refused with the file, the key path and the reason", arguments: [
        (#"{"server": {"lisen": "127.0.0.1:1"}}"#, "server.lisen", "unknown key"),
        (#"{"servers": {}}"#, "servers", "unknown section"),
        (#"{"server": {"event_loops": "4"}}"#, "server.event_loops", "expected an integer, found a string"),
        (#"{"server": {"event_loops": 2.5}}"#, "server.event_loops", "expected an integer, found a number"),
        (#"{"market": {"replay_speed": true}}"#, "market.replay_speed", "expected a number, found a boolean"),
        (#"{"server": {"listen": ""}}"#, "server.listen", "must not be empty"),
        (#"{"server": {"event_loops": 0}}"#, "server.event_loops", "1 to 256"),
        (#"{"market": {"replay_speed": 1000001}}"#, "market.replay_speed", "bars per second"),
        (#"{"server": {"listen": "nowhere"}}"#, "server.listen", "invalid value 'nowhere'"),
        (#"{"backup": {"interval": "soon"}}"#, "backup.interval", "invalid value 'soon'"),
        (#"{"strategy": {"name": "martingale"}}"#, "strategy.name", "expected sma or none"),
        (#"{"snapshot": {"every_events": 10}}"#, "snapshot.every_events", "from 1000 to 1000000000"),
        (#"{"snapshot": {"restore": "maybe"}}"#, "snapshot.restore", "expected on or off"),
        (#"{"auth": {"admin_password": "hunter2"}}"#, "auth.admin_password", "secrets are not accepted"),
        (#"{"backup": {"key": "00112233"}}"#, "backup.key", "secrets are not accepted"),
        (#"{"jwt_secret": "x"}"#, "jwt_secret", "secrets are not accepted"),
        (#"{"server": {"tls_key_file": "-----BEGIN PRIVATE KEY-----"}}"#, "server.tls_key_file", "private key"),
        (#"{"server": {"tls_client_ca_file": "/nonexistent/ca.pem"}}"#, "server.tls_client_ca_file", "no readable file"),
        (#"{"market": {"feed_file": "/nonexistent/bars.csv"}}"#, "market.feed_file", "no readable file"),
        (#"{"server": {"tls_cert_file": "/nonexistent/c.pem", "tls_key_file": "/nonexistent/k.pem"}}"#,
         "server.tls_cert_file", "no readable file"),
        (#"{"server": {"tls_cert_file": "/etc/hostname"}}"#, "server.tls_cert_file", "set both the certificate and the key"),
        (#"["server"]"#, "", "expected a JSON object"),
        (#"{"server": "#, "", "not valid JSON"),
        (String(repeating: "[", count: 100_000), "", "nested deeper than 16 levels"),
        (#"{"server": {"listen": "[[[[[[[[[[[[[[[[[[[[[[[[[["}}"#, "server.listen", "invalid value"),
    ])
    func refused(text: String, keyPath: String, reason: String) throws {
        let error = try #require(Self.error(text))
        guard case let .invalidDocument(source, path, message) = error else {
            Issue.record("expected invalidDocument, got \(error)")
            return
        }
        #expect(source == "cfg.json")
        #expect(path == keyPath)
        #expect(message.contains(reason), "\(message)")
        #expect(error.description.hasPrefix(keyPath.isEmpty ? "cfg.json: " : "cfg.json: \(keyPath): "))
    }

    @Test("A valid document sets the variables of its keys; null means the default")
    func valid() throws {
        let document = try ConfigDocument.parse("""
            {"server": {"listen": "0.0.0.0:6000", "event_loops": 2, "health_listen": null},
             "market": {"replay_speed": 2.5}, "backup": {"retain": 3}}
            """, source: "cfg.json")
        #expect(document.settings == ["TRADEBOT_LISTEN": "0.0.0.0:6000", "TRADEBOT_EVENT_LOOPS": "2",
                                      "TRADEBOT_REPLAY_SPEED": "2.5", "TRADEBOT_BACKUP_RETAIN": "3"])
    }

    @Test("The environment overrides the file; a bad file value is refused even where overridden")
    func environmentOverrides() throws {
        let dir = ScratchDirectory("config-test")
        defer { dir.remove() }
        let file = dir.path + "/tradebot.json"
        try #"{"server": {"event_loops": 4, "listen": "127.0.0.1:7000"}, "market": {"replay_speed": 5}}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.load(environment: ["TRADEBOT_EVENT_LOOPS": "3", "TRADEBOT_REPLAY_SPEED": "7",
                                                                "TRADEBOT_DATA_DIR": dir.path], configFile: file)
        #expect(config.eventLoops == 3)
        #expect(config.replayBarsPerSecond == 7)
        #expect(config.listen.port == 7000)
        #expect(config.configFile == file)
        #expect(config.settings?["TRADEBOT_LISTEN"] == "127.0.0.1:7000")
        #expect(try ServerConfiguration.load(environment: ["TRADEBOT_DATA_DIR": dir.path], configFile: file).eventLoops == 4)
        // A value the file gets wrong is refused, naming the file and the key, even with an override.
        try #"{"server": {"event_loops": 0}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        for environment in [["TRADEBOT_DATA_DIR": dir.path], ["TRADEBOT_DATA_DIR": dir.path, "TRADEBOT_EVENT_LOOPS": "3"]] {
            #expect(throws: ConfigurationError.invalidDocument(source: file, keyPath: "server.event_loops",
                                                               reason: "invalid value '0': expected a number from 1 to 256")) {
                try ServerConfiguration.load(environment: environment, configFile: file)
            }
        }
        // An error in the environment names the variable.
        try #"{"server": {"event_loops": 2}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.invalidValue(setting: "TRADEBOT_EVENT_LOOPS", value: "zero",
                                                        reason: "expected a number from 1 to 256")) {
            try ServerConfiguration.load(environment: ["TRADEBOT_DATA_DIR": dir.path, "TRADEBOT_EVENT_LOOPS": "zero"],
                                         configFile: file)
        }
    }

    @Test("TRADEBOT_CONFIG names the file; <data>/config.json is used when present; a missing file is an error")
    func fileSelection() throws {
        let dir = ScratchDirectory("config-test")
        defer { dir.remove() }
        let env = ["TRADEBOT_DATA_DIR": dir.path]
        #expect(try ServerConfiguration.load(environment: env).configFile == nil)
        try #"{"strategy": {"name": "none"}}"#.write(toFile: dir.path + "/config.json", atomically: true, encoding: .utf8)
        let implicit = try ServerConfiguration.load(environment: env)
        #expect(implicit.configFile == dir.path + "/config.json")
        #expect(implicit.strategy == "none")
        let other = dir.path + "/other.json"
        try #"{"strategy": {"name": "sma"}}"#.write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try ServerConfiguration.load(environment: env.merging(["TRADEBOT_CONFIG": other]) { $1 }).strategy == "sma")
        #expect(throws: ConfigurationError.missingFile(setting: "--config", path: dir.path + "/missing.json")) {
            try ServerConfiguration.load(environment: env, configFile: dir.path + "/missing.json")
        }
    }

    @Test("The effective document lists every key with its value in force, canonically and without secrets")
    func effective() throws {
        var config = ServerConfiguration()
        config.replayBarsPerSecond = 2.5
        config.shutdownGraceMilliseconds = 500
        let document = ConfigDocument.effective(config, settings: ["TRADEBOT_BACKUP_RETAIN": "3",
                                                                   "TRADEBOT_ADMIN_PASSWORD": "hunter2 is long enough"])
        let text = document.canonicalText
        #expect(!text.contains("hunter2"))
        for key in ConfigSchema.keys { #expect(text.contains("\"\(key.path.split(separator: ".")[1])\"")) }
        #expect(ConfigDocument.value(at: "market.replay_speed", in: document) == .number(2.5))
        #expect(ConfigDocument.value(at: "server.shutdown_grace", in: document) == .string("500ms"))
        #expect(ConfigDocument.value(at: "backup.retain", in: document) == .integer(3))
        #expect(ConfigDocument.value(at: "server.health_listen", in: document) == .null)
        // Canonical: parsing and re-rendering gives the same bytes; the effective document is a valid file.
        #expect(try ConfigValue.parse(text).canonicalText == text)
        let reparsed = try ConfigDocument.parse(text, source: "effective")
        #expect(reparsed.settings["TRADEBOT_REPLAY_SPEED"] == "2.5")
    }

    @Test("The unified diff shows the changed lines with context and correct hunk ranges")
    func diff() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...10).map { "line \($0)" }
        lines[4] = "line five"
        lines.append("line 11")
        let new = lines.joined(separator: "\n") + "\n"
        let diff = UnifiedDiff.diff(old: old, new: new, oldLabel: "version 1", newLabel: "version 2")
        #expect(diff == """
            --- version 1
            +++ version 2
            @@ -2,9 +2,10 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
             line 9
             line 10
            +line 11

            """)
        #expect(UnifiedDiff.diff(old: old, new: old, oldLabel: "a", newLabel: "b") == "")
        #expect(UnifiedDiff.diff(old: "", new: "x\n", oldLabel: "(none)", newLabel: "version 1") == "--- (none)\n+++ version 1\n@@ -0,0 +1 @@\n+x\n")
    }

    @Test("Far-apart changes get separate hunks")
    func hunks() {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...30).map { "l\($0)" }
        lines[1] = "L2"
        lines[27] = "L28"
        let diff = UnifiedDiff.diff(old: old, new: lines.joined(separator: "\n") + "\n", oldLabel: "a", newLabel: "b")
        #expect(diff.components(separatedBy: "@@ -").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@"))
        #expect(diff.contains("@@ -25,6 +25,6 @@"))
    }
}
