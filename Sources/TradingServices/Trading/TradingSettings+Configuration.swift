import Foundation
import TradingEngine
import TradingModel

extension TradingSettings {
    /// The name of the resource bundle SwiftPM builds for the `tradebotd` target (package
    /// `tradebot`); it sits beside the executable in `.build/<configuration>/` and is installed
    /// with it.
    public static let resourceBundleName = "tradebot_tradebotd.resources"

    /// The EURUSD bars shipped with the server: `market/EURUSD.csv` in the resource bundle beside
    /// the running executable (a build or an installed copy), else the checkout's
    /// `Sources/tradebotd/Resources/market` found relative to this source file (test runners and
    /// tools built from the same clone). The first candidate that exists wins; if none does, the
    /// first is returned so the warning names where the file was expected.
    public static var bundledFeedFile: String {
        let candidates = bundledFeedCandidates(executable: Bundle.main.executableURL)
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) } ?? candidates[0]
    }

    /// Where the bundled feed may be, in order of preference (see `bundledFeedFile`).
    static func bundledFeedCandidates(executable: URL?) -> [String] {
        var candidates: [String] = []
        if let executable {
            candidates.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent(resourceBundleName).appendingPathComponent("market/EURUSD.csv").path)
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tradebotd/Resources/market/EURUSD.csv").path)
        return candidates
    }

    /// The product's settings from the server configuration: feed file (or the bundled EURUSD.csv),
    /// replay speed and strategy. A configured feed that cannot be read or parsed stops the start
    /// with an error naming the file; a missing bundled file only turns the feed off (logged).
    public static func fromConfiguration(_ runtime: ServerRuntime) throws -> TradingSettings {
        let config = runtime.configuration
        let path = config.feedFile ?? bundledFeedFile
        var bars: [Bar] = []
        if config.replayBarsPerSecond > 0 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                bars = try BarCSVParser.parse(text, symbol: "EURUSD", source: path,
                                              tickSize: Price(raw: FixedPoint.scale / 100_000))
            } else if config.feedFile != nil {
                throw ConfigurationError.missingFile(setting: ServerConfiguration.Variable.feedFile, path: path)
            } else {
                runtime.log.warning("the bundled EURUSD feed was not found; running without market data", ["path": path])
            }
        }
        var settings = try standard(feedBars: bars, feedSource: path, barsPerSecond: config.replayBarsPerSecond,
                                    strategyEnabled: config.strategy == "sma")
        settings.sequencerPriority = try SequencerPriority(environment: config.effectiveSettings)
        return settings
    }
}
