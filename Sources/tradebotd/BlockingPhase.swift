import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one long blocking step (a restore, a verification) on its own thread and shows on standard
/// error which phase is running and for how long.
///
/// Why elapsed time and not a percentage: the store's backup, verify and restore calls report no
/// progress, so anything else would be made up. Standard output stays for the result; on a
/// terminal the elapsed time updates in place, otherwise a line is printed every 10 seconds.
enum BlockingPhase {
    static func run<T: Sendable, E: Error>(_ phase: String, _ body: @escaping @Sendable () -> Result<T, E>) async -> Result<T, E> {
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
                    write("\(phase): still running after \(tick)s\n")
                }
            }
        }
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "tradebotd.maintenance"
            thread.start()
        }
        ticker.cancel()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outcome = if case .success = result { "finished in" } else { "failed after" }
        write((interactive ? "\r" : "") + "\(phase): \(outcome) \(String(format: "%.2f", seconds)) s\n")
        return result
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
