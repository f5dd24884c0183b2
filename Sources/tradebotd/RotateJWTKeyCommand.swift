import ArgumentParser
import Foundation
import Security
import TradingServices

/// `tradebotd rotate-jwt-key`: replaces the JWT signing key of a stopped server, keeping the
/// previous public key verifying so tokens already issued stay valid until they expire.
struct RotateJWTKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-jwt-key",
        abstract: "Rotate the JWT signing key of a stopped server (docs/SECURITY.md, rotation procedure).",
        discussion: """
        Uses TRADEBOT_JWT_KEY / TRADEBOT_JWT_PUBLIC_KEYS when set, else <data>/keys. Exit status: \
        0 rotated, 1 failed, 3 a server is running on the data directory.
        """)

    @Option(help: ArgumentHelp("Data directory (default $TRADEBOT_DATA_DIR or ./var).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Seconds the previous key keeps verifying (generated keys; default 930 = token lifetime + skew).",
                               valueName: "seconds"))
    var retainSeconds: Int64 = 930

    @Flag(help: "The key is compromised: the previous key stops verifying at once and every user must log in again.")
    var emergency = false

    func validate() throws {
        guard (0...7 * 86_400).contains(retainSeconds) else { throw ValidationError("--retain-seconds must be 0 to 604800") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = MaintenanceExit.dataDirectory(dataDir, environment: environment)
        let retain: Duration = emergency ? .zero : .seconds(retainSeconds)
        let now = UnixTime(nanoseconds: TradebotServer.wallClockNanoseconds())
        let result = await BlockingPhase.run("rotating the JWT signing key in \(directory)") {
            Result { () throws(JWTKeyRotation.RotationError) in
                try JWTKeyRotation.rotate(dataDirectory: directory, environment: environment, now: now,
                                          retainPreviousFor: retain)
            }
        }
        switch result {
        case .success(let summary):
            print("rotated the JWT signing key: \(summary.previousKeyID) -> \(summary.newKeyID)")
            if let file = summary.previousPublicKeyFile { print("previous public key: \(file)") }
            if let until = summary.previousKeyValidUntil {
                print("previous key verifies until \(until.seconds) (Unix seconds)")
            } else if summary.previousPublicKeyFile != nil {
                print("remove the previous public key after the access-token lifetime (15 min 30 s) has passed")
            } else {
                print("emergency rotation: tokens signed by the previous key are no longer accepted")
            }
        case .failure(let error):
            FileHandle.standardError.write(Data("tradebotd rotate-jwt-key: \(error)\n".utf8))
            if case .inUse = error { throw ExitCode(3) }
            throw ExitCode(1)
        }
    }
}
