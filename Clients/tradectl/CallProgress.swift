import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows on standard error which server-side phase a long call is in and for how long it has run.
///
/// Why elapsed time only: the backup RPCs are unary and report no progress, so a percentage would
/// be invented. On a terminal the counter updates in place; otherwise one line at the start, one
/// every 10 seconds and one at the end, so logs of scripted runs stay short. `--quiet` hides it.
enum CallProgress {
    static func run<T>(_ phase: String, quiet: Bool, _ body: () async throws -> T) async throws -> T {
        if quiet { return try await body() }
        let interactive = isatty(STDERR_FILENO) == 1
        let started = ContinuousClock.now
        write(interactive ? "\(phase)..." : "\(phase)...\n")
        let ticker = Task {
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                tick += 1
                if Task.isCancelled { break }
                if interactive {
                    write("\r\(phase)... \(tick)s")
                } else if tick % 10 == 0 {
                    write("\(phase): still waiting after \(tick)s\n")
                }
            }
        }
        defer { ticker.cancel() }
        do {
            let value = try await body()
            write((interactive ? "\r" : "") + "\(phase): done in \(elapsed(since: started)) s\n")
            return value
        } catch {
            write((interactive ? "\r" : "") + "\(phase): failed after \(elapsed(since: started)) s\n")
            throw error
        }
    }

    private static func elapsed(since start: ContinuousClock.Instant) -> String {
        let d = ContinuousClock.now - start
        return String(format: "%.2f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
