import ArgumentParser
import TradingServices

/// `tradebotd bench-auth` (hidden): the auth interceptor's per-RPC cost with a cached token, for
/// docs/PERFORMANCE.md. Meaningful only in a release build.
struct BenchAuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-auth",
        abstract: "Measure the auth interceptor's per-RPC cost with a cached token (release builds).",
        shouldDisplay: false)

    @Option(help: "Runs (the median is reported).")
    var runs = 7

    @Option(help: "Calls per run.")
    var iterations = 2_000_000

    func validate() throws {
        guard runs > 0, iterations > 0 else { throw ValidationError("--runs and --iterations must be positive") }
    }

    func run() throws {
        let report = try AuthInterceptorBenchmark.run(runs: runs, iterations: iterations)
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func ns(_ value: Double) -> String { "\(Int(value.rounded())) ns" }
        let walls = report.samples.map(\.wall)
        print("| measurement | median CPU | median wall | wall range | runs × iterations |")
        print("| --- | --- | --- | --- | --- |")
        print("| AuthInterceptor.intercept, cached token (\(report.tokenBytes) bytes), SubmitOrder as trader "
              + "| \(ns(median(report.samples.map(\.cpu)))) | \(ns(median(walls))) "
              + "| \(ns(walls.min() ?? 0)) – \(ns(walls.max() ?? 0)) | \(runs) × \(iterations) |")
        print("| empty interceptor (loop and call overhead) | \(ns(median(report.baselineSamples.map(\.cpu)))) "
              + "| \(ns(median(report.baselineSamples.map(\.wall)))) | | \(runs) × \(iterations) |")
    }
}
