import Foundation
import TradingEngine
import TradingModel

extension TradingSettings {
    /// Where the EURUSD bars shipped with the server live in a checkout (`Sources/tradebotd/
    /// Resources/market`), found relative to this source file so `scripts/run-server` and the
    /// tests work from any clone without installing anything.
    public static var bundledFeedFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tradebotd/Resources/market/EURUSD.csv").path
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
        return try standard(feedBars: bars, feedSource: path, barsPerSecond: config.replayBarsPerSecond,
                            strategyEnabled: config.strategy == "sma")
    }
}
