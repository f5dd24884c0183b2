import ArgumentParser
import Foundation
import TradingEngine
import TradingModel

/// `tradebotd backtest`: runs a strategy over a CSV of bars through the real engine
/// and paper broker and prints a report (text, or one JSON object with `--json`).
///
/// The file is read here; parsing, simulation and statistics are pure engine code, so
/// two runs over the same file with the same flags print identical bytes.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay a CSV of bars through a strategy, the risk engine and the paper broker.",
        discussion: """
        The CSV header must be ',Open,High,Low,Close,Volume' with the timestamp \
        (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, UTC) in the first column. Bad rows are refused \
        with the file name and line. See docs/ENGINE.md for the simulation rules.
        """)

    enum StrategyName: String, ExpressibleByArgument, CaseIterable {
        case sma, breakout
    }

    @Option(help: "CSV file of bars.") var data: String
    @Option(help: "Strategy: sma (moving-average crossover) or breakout (Donchian + ATR trailing stop).")
    var strategy: StrategyName
    @Option(help: "Instrument symbol (default: the file name without extension).") var symbol: String?
    @Flag(help: "Print one JSON object instead of the text report.") var json = false
    @Option(name: .customLong("equity-csv"), help: "Write the bar-by-bar equity curve to this CSV file.")
    var equityCSV: String?

    @Option(help: "sma: fast moving-average period in bars.") var fast = 10
    @Option(help: "sma: slow moving-average period in bars.") var slow = 30
    @Option(help: "breakout: Donchian channel period in bars.") var period = 20
    @Flag(name: .customLong("long-only"), help: "Never go short (short signals close longs).") var longOnly = false

    @Option(name: .customLong("initial-cash"), help: "Starting equity in the quote currency.") var initialCash = "100000"
    @Option(name: .customLong("risk-bps"), help: "Equity risked per trade, basis points (100 = 1%).") var riskBps: Int64 = 100
    @Option(name: .customLong("atr-period"), help: "ATR look-back in bars (sizing and stops).") var atrPeriod = 14
    @Option(name: .customLong("stop-atr"), help: "Stop distance as a multiple of ATR.") var stopATR = "2"
    @Option(name: .customLong("max-leverage"), help: "Cap on position notional / equity.") var maxLeverage = "5"
    @Option(name: .customLong("max-drawdown-bps"), help: "Drawdown from peak (basis points) that switches to REDUCING.")
    var maxDrawdownBps: Int64?
    @Option(name: .customLong("daily-loss"), help: "Loss from the day's starting equity that halts trading for the day.")
    var dailyLoss: String?

    @Option(name: .customLong("tick-size"), help: "Price tick (default: inferred from the data's decimals).") var tickSize: String?
    @Option(name: .customLong("lot-size"), help: "Quantity lot size.") var lotSize = "1"
    @Option(name: .customLong("commission-bps"), help: "Commission, basis points of notional (decimal).") var commissionBps = "1"
    @Option(name: .customLong("slippage-ticks"), help: "Adverse slippage on market and stop fills, in ticks.")
    var slippageTicks: Int64 = 1
    @Option(name: .customLong("participation-bps"), help: "Max share of a bar's volume per fill, basis points (default: unlimited).")
    var participationBps: Int64?
    @Option(name: .customLong("reject-bps"), help: "Simulated broker rejection probability, basis points.") var rejectBps: Int64 = 0
    @Option(name: .customLong("ack-latency-ms"), help: "Simulated acknowledgement latency.") var ackLatencyMs: Int64 = 20
    @Option(name: .customLong("fill-delay-ms"), help: "Simulated minimum delay from acceptance to fill.") var fillDelayMs: Int64 = 0
    @Option(help: "Seed of the paper broker's generator.") var seed: UInt64 = 42

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: data, encoding: .utf8)
        } catch {
            throw BacktestFailure("cannot read \(data): \(error.localizedDescription)")
        }
        let name = symbol ?? URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        let sym = Symbol(name.isEmpty ? "SYMBOL" : name)
        let bars: [Bar]
        do {
            bars = try BarCSVParser.parse(text, symbol: sym, source: data, tickSize: try tickSize.map { try Price($0) })
        } catch let error as MarketDataError {
            throw BacktestFailure(error.description)
        } catch {
            throw BacktestFailure("--tick-size: \(error)")
        }
        let instrument: Instrument
        do {
            instrument = try Instrument(symbol: sym, tickSize: try tickSize.map { try Price($0) } ?? BarCSVParser.inferredTickSize(bars),
                                        lotSize: try Quantity(lotSize))
        } catch {
            throw BacktestFailure("instrument: \(error)")
        }
        let strategyInstance: any Strategy
        let label: String
        do {
            switch strategy {
            case .sma:
                strategyInstance = try SMACrossover(symbol: sym, fast: fast, slow: slow, allowShort: !longOnly)
                label = "sma(fast=\(fast), slow=\(slow)\(longOnly ? ", long-only" : ""))"
            case .breakout:
                strategyInstance = try DonchianBreakout(symbol: sym, period: period, allowShort: !longOnly)
                label = "breakout(period=\(period), atr=\(atrPeriod)x\(stopATR)\(longOnly ? ", long-only" : ""))"
            }
        } catch {
            throw ValidationError(error.description)
        }
        let limits: RiskLimits
        let cash: Money
        let brokerConfig: PaperBrokerConfig
        do {
            cash = try Money(initialCash)
            guard cash.isPositive else { throw ValidationError("--initial-cash must be positive") }
            guard (1...10_000).contains(riskBps) else { throw ValidationError("--risk-bps must be in 1...10000") }
            guard atrPeriod >= 1 else { throw ValidationError("--atr-period must be at least 1") }
            limits = RiskLimits(dailyLossLimit: try dailyLoss.map { try Money($0) }, maxDrawdownBasisPoints: maxDrawdownBps,
                                riskPerTradeBasisPoints: riskBps, atrPeriod: atrPeriod, stopATRMultiple: try Quantity(stopATR),
                                maxLeverage: try Quantity(maxLeverage), ackTimeout: .seconds(5), fillTimeout: .days(7),
                                fillTimeoutAction: .flag, rateWindow: .days(365))
            brokerConfig = PaperBrokerConfig(seed: seed, ackLatency: .milliseconds(ackLatencyMs), fillDelay: .milliseconds(fillDelayMs),
                                             slippageTicks: slippageTicks, participationBasisPoints: participationBps,
                                             rejectBasisPoints: rejectBps, commissionBasisPoints: try Quantity(commissionBps))
        } catch let error as DecimalParseError {
            throw ValidationError("bad decimal option: \(error)")
        }
        let result = Backtest(instrument: instrument, limits: limits, initialCash: cash, broker: brokerConfig)
            .run(bars: bars, strategy: strategyInstance)
        if let path = equityCSV {
            var out = "timestamp,close,equity,cash,position\n"
            for p in result.curve {
                out += "\(p.timestamp),\(p.close),\(p.equity),\(p.cash),\(p.position)\n"
            }
            do { try out.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw BacktestFailure("cannot write \(path): \(error.localizedDescription)")
            }
        }
        let report = BacktestReportFormatter(report: result.report, symbol: sym.value, strategy: strategy.rawValue,
                                             label: label, source: data)
        print(json ? report.json() : report.text(), terminator: "")
    }
}

/// A backtest that cannot run; printed as `Error: <message>`.
struct BacktestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
