import Testing
@testable import TradingServices

@Suite("Backup configuration from the environment")
struct BackupConfigurationTests {
    @Test("No environment: daily, keep 7, no encryption")
    func defaults() throws {
        let config = try BackupConfiguration(environment: [:])
        #expect(config.interval == .seconds(86_400))
        #expect(config.retain == 7)
        #expect(config.key == nil)
    }

    @Test("Intervals parse", arguments: [
        ("1h", Duration.seconds(3600)), ("30m", .seconds(1800)), ("45s", .seconds(45)), ("2d", .seconds(172_800)),
        ("900", .seconds(900)), ("500ms", .milliseconds(500)),
    ])
    func intervals(text: String, expected: Duration) throws {
        #expect(try BackupConfiguration(environment: ["TRADEBOT_BACKUP_INTERVAL": text]).interval == expected)
    }

    @Test("off disables the schedule")
    func off() throws {
        #expect(try BackupConfiguration(environment: ["TRADEBOT_BACKUP_INTERVAL": "off"]).interval == nil)
    }

    @Test("Bad values are refused naming the variable", arguments: [
        ("TRADEBOT_BACKUP_INTERVAL", "soon"), ("TRADEBOT_BACKUP_INTERVAL", "-1h"), ("TRADEBOT_BACKUP_INTERVAL", "400d"),
        ("TRADEBOT_BACKUP_INTERVAL", "10ms"), ("TRADEBOT_BACKUP_RETAIN", "0"), ("TRADEBOT_BACKUP_RETAIN", "many"),
        ("TRADEBOT_BACKUP_KEY_FILE", "/nonexistent/backup.key"),
    ])
    func refused(variable: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) { try BackupConfiguration(environment: [variable: value]) }
        #expect(error?.description.contains(variable) == true)
    }

    @Test("A malformed key is refused naming the variable without echoing the key")
    func badKey() {
        let secret = "not-a-valid-key-but-secret-anyway"
        let error = #expect(throws: ConfigurationError.self) {
            try BackupConfiguration(environment: ["TRADEBOT_BACKUP_KEY": secret])
        }
        #expect(error?.description.contains("TRADEBOT_BACKUP_KEY") == true)
        #expect(error?.description.contains(secret) == false)
    }

    @Test("A 64-hex-digit key is accepted")
    func goodKey() throws {
        let config = try BackupConfiguration(environment: ["TRADEBOT_BACKUP_KEY": String(repeating: "0f", count: 32)])
        #expect(config.key != nil)
    }
}

@Suite("Backup interval descriptions")
struct BackupIntervalDescriptionTests {
    @Test("Intervals are described in the largest exact unit", arguments: [
        (Duration.seconds(86_400), "1d"), (.seconds(7200), "2h"), (.seconds(90), "90s"), (.seconds(1800), "30m"),
        (.milliseconds(1500), "1500ms"),
    ])
    func describe(interval: Duration, text: String) {
        #expect(BackupConfiguration.describe(interval) == text)
    }
}
