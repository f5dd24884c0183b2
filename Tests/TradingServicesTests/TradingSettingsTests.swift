import Foundation
import Testing
@testable import TradingServices

/// Where the server looks for the EURUSD bars it ships with.
@Suite("Bundled feed location")
struct TradingSettingsTests {
    @Test("the resource bundle beside the executable comes first, the checkout second")
    func candidatesInOrder() {
        let candidates = TradingSettings.bundledFeedCandidates(executable: URL(fileURLWithPath: "/opt/tradebot/bin/tradebotd"))
        #expect(candidates.count == 2)
        #expect(candidates.first == "/opt/tradebot/bin/tradebot_tradebotd.resources/market/EURUSD.csv")
        #expect(candidates.last?.hasSuffix("/Sources/tradebotd/Resources/market/EURUSD.csv") == true)
        #expect(TradingSettings.bundledFeedCandidates(executable: nil).count == 1)
    }

    @Test("an executable reached through a symlink finds the bundle beside the real file")
    func followsSymlinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("install/bin")
        let links = root.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try Data().write(to: bin.appendingPathComponent("tradebotd"))
        try FileManager.default.createSymbolicLink(at: links.appendingPathComponent("tradebotd"),
                                                   withDestinationURL: bin.appendingPathComponent("tradebotd"))
        let first = TradingSettings.bundledFeedCandidates(executable: links.appendingPathComponent("tradebotd"))[0]
        #expect(first.hasSuffix("install/bin/tradebot_tradebotd.resources/market/EURUSD.csv"))
    }

    @Test("the chosen file exists and is the shipped EURUSD data")
    func chosenFileIsReadable() throws {
        let path = TradingSettings.bundledFeedFile
        #expect(path.hasSuffix("market/EURUSD.csv"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count > 1_000)
    }
}
